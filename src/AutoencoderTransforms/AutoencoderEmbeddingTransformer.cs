using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// Writes each row's autoencoder code as a new column of <see cref="AutoencoderModel.LatentWidth"/>
/// Singles, with slot names "Code0", "Code1", ... Lazy: nothing is computed until a cursor asks for
/// the column, then a batch of rows per network call. Saved by <c>mlContext.Model.Save</c> as ML.NET's
/// own OnnxTransformer over the encoder's ONNX graph, which plain ML.NET loads and scores with the
/// same outputs.
/// </summary>
public sealed class AutoencoderEmbeddingTransformer : ITransformer, IDisposable
{
    private readonly BatchMapping _mapping;

    internal AutoencoderEmbeddingTransformer(AutoencoderModel model, string inputColumnName, string outputColumnName, IReadOnlyList<EpochProgress> history)
    {
        Model = model;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        History = history;
        _mapping = new BatchMapping(inputColumnName, model.InputWidth,
            [MappedColumn.Vector(outputColumnName, model.LatentWidth, MappedColumn.SlotNames("Code", model.LatentWidth))],
            (rows, outputs) => model.Encode(rows, outputs[0]));
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
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _mapping.OutputSchema(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _mapping.Transform(input);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _mapping.RowToRowMapper(inputSchema);

    /// <summary>Saves the encoder as ML.NET's OnnxTransformer (see <see cref="OnnxHandOff"/>); the graph also carries the whole model.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => OnnxHandOff.Save(
        OnnxHandOff.Transformer(Model, InputColumnName, new AutoencoderGraphOutputs { Code = OutputColumnName }), ctx);

    /// <summary>Releases the autoencoder's native memory.</summary>
    public void Dispose() => Model.Dispose();
}
