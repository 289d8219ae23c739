using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// How our transformers save themselves with public API only: ML.NET lets no outside assembly write
/// its own model entry, so a transformer writes its network as an ONNX graph and saves, in its place,
/// ML.NET's own OnnxTransformer over that graph (fitted on an empty view of the input columns).
/// <c>mlContext.Model.Load</c> then reads back an OnnxTransformer that scores on ONNX Runtime with
/// the same outputs, in any ML.NET program, without this library or TorchSharp.
/// </summary>
internal static class OnnxHandOff
{
    /// <summary>
    /// The ML.NET transformer that stands for <paramref name="model"/>: it reads
    /// <paramref name="inputColumn"/> and writes the columns named (null leaves one out): the code,
    /// the reconstruction, each row's mean squared reconstruction error (a one-value vector). ONNX
    /// forbids an output named like the input, so such a column is written under another name and
    /// copied over by ML.NET's CopyColumns, the temporary column dropped by DropColumns.
    /// </summary>
    public static ITransformer Transformer(AutoencoderModel model, string inputColumn, string? codeColumn = null, string? reconstructionColumn = null,
        string? errorColumn = null)
    {
        string? GraphName(string? column) => column is null ? null : column == inputColumn ? column + ".autoencoder" : column;
        var bytes = AutoencoderOnnxGraph.Export(model, inputColumn, GraphName(codeColumn), GraphName(reconstructionColumn), GraphName(errorColumn));
        var outputs = new[] { codeColumn, reconstructionColumn, errorColumn }.OfType<string>().Select(column => (Column: column, Graph: GraphName(column)!)).ToArray();

        var ml = new MLContext();
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(inputColumn, new VectorDataViewType(NumberDataViewType.Single, model.InputWidth));
        IDataView empty = new EmptyDataView(schema.ToSchema());
        var onnx = ml.Transforms.ApplyOnnxModel(outputs.Select(o => o.Graph).ToArray(), [inputColumn], new MemoryStream(bytes)).Fit(empty);
        var renamed = outputs.Where(o => o.Graph != o.Column).ToArray();
        if (renamed.Length == 0)
        {
            return onnx;
        }

        var chain = new List<ITransformer> { onnx };
        var view = onnx.Transform(empty);
        foreach (var (column, graph) in renamed)
        {
            chain.Add(ml.Transforms.CopyColumns(column, graph).Fit(view));
            view = chain[^1].Transform(view);
        }

        chain.Add(ml.Transforms.DropColumns(renamed.Select(o => o.Graph).ToArray()).Fit(view));
        return new TransformerChain<ITransformer>(chain.ToArray());
    }

    /// <summary>Saves <paramref name="transformer"/> (an OnnxTransformer or a chain around one) as the model entry <paramref name="context"/> is for.</summary>
    public static void Save(ITransformer transformer, ModelSaveContext context) => ((ICanSaveModel)transformer).Save(context);

    /// <summary>A data view of no rows with the given schema.</summary>
    private sealed class EmptyDataView(DataViewSchema schema) : IDataView
    {
        public bool CanShuffle => true;

        public DataViewSchema Schema { get; } = schema;

        public long? GetRowCount() => 0;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(Schema);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(Schema)];

        private sealed class Cursor(DataViewSchema schema) : DataViewRowCursor
        {
            public override DataViewSchema Schema { get; } = schema;

            public override long Position => -1;

            public override long Batch => 0;

            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => throw new InvalidOperationException("An empty view has no rows.");

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => (ref TValue value) => throw new InvalidOperationException("An empty view has no rows.");

            public override bool IsColumnActive(DataViewSchema.Column column) => true;

            public override bool MoveNext() => false;
        }
    }
}
