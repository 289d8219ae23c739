using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// What every transformer of this library shares: outputs computed lazily from one input column, a
/// batch of rows per network call (<see cref="BatchMapping"/>), one row per call for
/// <c>PredictionEngine</c>, and saving by hand-off to ML.NET's OnnxTransformer.
/// </summary>
public abstract class AutoencoderTransformerBase : ITransformer
{
    private protected AutoencoderTransformerBase()
    {
    }

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Mapping(inputSchema).OutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Mapping(input.Schema).Transform(input);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Mapping(inputSchema).RowToRowMapper(inputSchema);
    }

    /// <summary>The mapping of rows of <paramref name="inputSchema"/> (which names the input's slots, where the outputs carry them).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, not a Single vector, or not of the model's width.</exception>
    private protected abstract BatchMapping Mapping(DataViewSchema inputSchema);

    /// <summary>The ML.NET transformers saved in this one's place (see <see cref="OnnxHandOff"/>).</summary>
    private protected abstract OnnxHandOff.SavedForm SavedForm();

    /// <remarks>The saved form is made for the save and disposed after it, which ends its ONNX Runtime session and deletes its graph's file.</remarks>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        using var saved = SavedForm();
        ((ICanSaveModel)saved.Transformer).Save(ctx);
    }
}
