using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// Writes each row's autoencoder code as a new column of <see cref="AutoencoderModel.LatentWidth"/>
/// Singles, with slot names "Code0", "Code1", ... Lazy: nothing is computed until a cursor asks for
/// the column. Saved by <c>mlContext.Model.Save</c> as ML.NET's own OnnxTransformer over the
/// encoder's ONNX graph, which plain ML.NET loads and scores with the same outputs.
/// </summary>
public sealed class AutoencoderEmbeddingTransformer : ITransformer, IDisposable
{
    private readonly ITransformer _mapping;

    internal AutoencoderEmbeddingTransformer(AutoencoderModel model, string inputColumnName, string outputColumnName, IReadOnlyList<EpochProgress> history)
    {
        Model = model;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        History = history;
        _mapping = VectorMapping.Create(inputColumnName, model.InputWidth, outputColumnName, model.LatentWidth, "Code", model.Encode);
    }

    /// <summary>The trained autoencoder (to decode, sample, or export).</summary>
    public AutoencoderModel Model { get; }

    /// <summary>The column encoded.</summary>
    public string InputColumnName { get; }

    /// <summary>The column the code is written to.</summary>
    public string OutputColumnName { get; }

    /// <summary>Each training epoch's losses.</summary>
    public IReadOnlyList<EpochProgress> History { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        FeatureColumn.RequireWidth(inputSchema, InputColumnName, Model.InputWidth);
        return _mapping.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        FeatureColumn.RequireWidth(input.Schema, InputColumnName, Model.InputWidth);
        return _mapping.Transform(input);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        FeatureColumn.RequireWidth(inputSchema, InputColumnName, Model.InputWidth);
        return _mapping.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Saves the encoder as ML.NET's OnnxTransformer (see <see cref="OnnxHandOff"/>); the graph also carries the whole model.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => OnnxHandOff.Save(
        OnnxHandOff.Transformer(Model, InputColumnName, codeColumn: OutputColumnName), ctx);

    /// <summary>Releases the autoencoder's native memory.</summary>
    public void Dispose() => Model.Dispose();
}
