using Autoencoders.Scoring;
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
/// the same outputs, in any ML.NET program, without TorchSharp: an embedding needs nothing of ours, an
/// anomaly detector needs the small Autoencoders.Scoring assembly deployed beside the program.
/// </summary>
internal static class OnnxHandOff
{
    /// <summary>
    /// The ML.NET transformer that stands for <paramref name="model"/>: it reads
    /// <paramref name="inputColumn"/> and writes the columns <paramref name="outputs"/> names. ONNX
    /// forbids an output named like the input, so such a column is written under another name and
    /// copied over by ML.NET's CopyColumns. An anomaly score and decision leave the graph as one-value
    /// vectors that <see cref="AnomalyColumnsMapping"/> (ML.NET's CustomMapping) makes the scalar
    /// <c>Score</c> and <c>PredictedLabel</c>. DropColumns then removes the temporary columns.
    /// </summary>
    public static ITransformer Transformer(AutoencoderModel model, string inputColumn, AutoencoderGraphOutputs outputs)
    {
        string? GraphName(string? column) => column is null ? null : column == inputColumn ? column + ".autoencoder" : column;
        var scalars = outputs.Score is not null;
        if (scalars && (outputs.Score != nameof(AnomalyColumnsMapping.Scalars.Score) || outputs.Anomaly != nameof(AnomalyColumnsMapping.Scalars.PredictedLabel)))
        {
            throw new ArgumentException("A saved detector writes its score and decision as 'Score' and 'PredictedLabel'.", nameof(outputs));
        }

        var graphOutputs = outputs with
        {
            Code = GraphName(outputs.Code),
            Reconstruction = GraphName(outputs.Reconstruction),
            Contributions = GraphName(outputs.Contributions),
            Score = scalars ? AnomalyColumnsMapping.ScoreVectorColumnName : null,
            Anomaly = scalars ? AnomalyColumnsMapping.PredictedLabelVectorColumnName : null,
        };
        var (ml, chain, view) = Apply(AutoencoderOnnxGraph.Export(model, inputColumn, graphOutputs), inputColumn, model.InputWidth, graphOutputs.Names);
        void Append(ITransformer transformer)
        {
            chain.Add(transformer);
            view = transformer.Transform(view);
        }

        var temporary = new List<string>();
        foreach (var (column, graph) in new[] { (outputs.Code, graphOutputs.Code), (outputs.Reconstruction, graphOutputs.Reconstruction), (outputs.Contributions, graphOutputs.Contributions) })
        {
            if (column is not null && column != graph)
            {
                Append(ml.Transforms.CopyColumns(column, graph).Fit(view));
                temporary.Add(graph!);
            }
        }

        if (scalars)
        {
            Append(ml.Transforms.CustomMapping<AnomalyColumnsMapping.Vectors, AnomalyColumnsMapping.Scalars>(AnomalyColumnsMapping.Map, AnomalyColumnsMapping.ContractName).Fit(view));
            temporary.AddRange([graphOutputs.Score!, graphOutputs.Anomaly!]);
        }

        if (temporary.Count == 0)
        {
            return chain[0];
        }

        Append(ml.Transforms.DropColumns(temporary.ToArray()).Fit(view));
        return new TransformerChain<ITransformer>(chain.ToArray());
    }

    /// <summary>The ML.NET transformer that stands for <paramref name="model"/>'s decoder, reading codes from <paramref name="codeColumn"/>.</summary>
    public static ITransformer Decoder(AutoencoderModel model, string codeColumn, string outputColumn)
    {
        var graphOutput = outputColumn == codeColumn ? outputColumn + ".autoencoder" : outputColumn;
        var (ml, chain, view) = Apply(AutoencoderOnnxGraph.ExportDecoder(model, codeColumn, graphOutput), codeColumn, model.LatentWidth, [graphOutput]);
        if (graphOutput == outputColumn)
        {
            return chain[0];
        }

        chain.Add(ml.Transforms.CopyColumns(outputColumn, graphOutput).Fit(view));
        view = chain[^1].Transform(view);
        chain.Add(ml.Transforms.DropColumns(graphOutput).Fit(view));
        return new TransformerChain<ITransformer>(chain.ToArray());
    }

    /// <summary>ML.NET's OnnxTransformer over <paramref name="graph"/>, fitted on an empty view of its input column, and that view transformed.</summary>
    private static (MLContext Ml, List<ITransformer> Chain, IDataView View) Apply(byte[] graph, string inputColumn, int inputWidth, IEnumerable<string> outputs)
    {
        var ml = new MLContext();
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(inputColumn, new VectorDataViewType(NumberDataViewType.Single, inputWidth));
        IDataView view = new EmptyDataView(schema.ToSchema());
        var onnx = ml.Transforms.ApplyOnnxModel(outputs.ToArray(), [inputColumn], new MemoryStream(graph)).Fit(view);
        return (ml, [onnx], onnx.Transform(view));
    }

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
