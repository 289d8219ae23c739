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
    public static SavedForm Transformer(AutoencoderModel model, string inputColumn, AutoencoderGraphOutputs outputs)
    {
        var scalars = outputs.Score is not null;
        if (scalars && (outputs.Score != nameof(AnomalyColumnsMapping.Scalars.Score) || outputs.Anomaly != nameof(AnomalyColumnsMapping.Scalars.PredictedLabel)))
        {
            throw new ArgumentException("A saved detector writes its score and decision as 'Score' and 'PredictedLabel'.", nameof(outputs));
        }

        var graphOutputs = outputs with
        {
            Code = GraphName(outputs.Code, inputColumn),
            Reconstruction = GraphName(outputs.Reconstruction, inputColumn),
            Contributions = GraphName(outputs.Contributions, inputColumn),
            Score = scalars ? AnomalyColumnsMapping.ScoreVectorColumnName : null,
            Anomaly = scalars ? AnomalyColumnsMapping.PredictedLabelVectorColumnName : null,
        };
        var vectors = new[] { (outputs.Code, graphOutputs.Code), (outputs.Reconstruction, graphOutputs.Reconstruction), (outputs.Contributions, graphOutputs.Contributions) }
            .Where(pair => pair.Item1 is not null).Select(pair => (pair.Item1!, pair.Item2!)).ToList();
        return Chain(AutoencoderOnnxGraph.Export(model, inputColumn, graphOutputs), inputColumn, model.InputWidth, vectors, scalars);
    }

    /// <summary>The ML.NET transformer that stands for <paramref name="model"/>'s decoder, reading codes from <paramref name="codeColumn"/>.</summary>
    public static SavedForm Decoder(AutoencoderModel model, string codeColumn, string outputColumn)
    {
        var graphOutput = GraphName(outputColumn, codeColumn);
        return Chain(AutoencoderOnnxGraph.ExportDecoder(model, codeColumn, graphOutput), codeColumn, model.LatentWidth, [(outputColumn, graphOutput)], scalars: false);
    }

    /// <summary>
    /// The ML.NET transformers that stand for a semi-supervised classifier reading <paramref name="inputColumn"/>:
    /// OnnxTransformer writes <paramref name="scoreColumn"/> and each row's predicted class name as a
    /// one-value vector, <see cref="PredictedLabelMapping"/> (ML.NET's CustomMapping) makes that a
    /// scalar, and ML.NET's MapValueToKey makes it <paramref name="predictedLabelColumn"/>, a key whose
    /// values are <paramref name="classNames"/> in key order; DropColumns removes the temporary columns.
    /// </summary>
    public static SavedForm Classifier(SemiSupervisedModel model, string inputColumn, string scoreColumn, string predictedLabelColumn, IReadOnlyList<string> classNames) =>
        Saved(AutoencoderOnnxGraph.ExportClassifier(model, inputColumn, scoreColumn, PredictedLabelMapping.VectorColumnName, classNames), graphFile =>
        {
            var ml = new MLContext();
            var steps = new Steps(inputColumn, model.Autoencoder.InputWidth);
            steps.Append(ml.Transforms.ApplyOnnxModel([scoreColumn, PredictedLabelMapping.VectorColumnName], [inputColumn], graphFile));
            steps.Append(ml.Transforms.CustomMapping<PredictedLabelMapping.Vector, PredictedLabelMapping.Scalar>(PredictedLabelMapping.Map, PredictedLabelMapping.ContractName));
            var names = ml.Data.LoadFromEnumerable(classNames.Select(name => new ClassName { Name = name }));
            steps.Append(ml.Transforms.Conversion.MapValueToKey(predictedLabelColumn, PredictedLabelMapping.ScalarColumnName, keyData: names));
            steps.Append(ml.Transforms.DropColumns(PredictedLabelMapping.VectorColumnName, PredictedLabelMapping.ScalarColumnName));
            return steps.Chain();
        });

    /// <summary>The graph's name for <paramref name="column"/>: another where it is the input's (ONNX forbids that).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(column))]
    private static string? GraphName(string? column, string inputColumn) => column == inputColumn ? column + ".autoencoder" : column;

    /// <summary>
    /// ML.NET's OnnxTransformer over <paramref name="graph"/> (fitted on an empty view of its input
    /// column), then CopyColumns for each of <paramref name="vectors"/> the graph names otherwise, the
    /// anomaly mapping where <paramref name="scalars"/>, and DropColumns for the temporary columns.
    /// </summary>
    private static SavedForm Chain(byte[] graph, string inputColumn, int inputWidth, IReadOnlyList<(string Column, string Graph)> vectors, bool scalars) =>
        Saved(graph, graphFile => Transformers(graphFile, inputColumn, inputWidth, vectors, scalars));

    /// <summary>The transformers <paramref name="build"/> makes over <paramref name="graph"/>, written to a file of its own that the saved form deletes.</summary>
    private static SavedForm Saved(byte[] graph, Func<string, ITransformer> build)
    {
        // The graph in a file of ours rather than a stream, which ML.NET would copy to a temporary file of its own.
        var graphFile = Path.Combine(Path.GetTempPath(), $"autoencoder-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(graphFile, graph);
        try
        {
            return new SavedForm(build(graphFile), graphFile);
        }
        catch
        {
            File.Delete(graphFile);
            throw;
        }
    }

    private static ITransformer Transformers(string graphFile, string inputColumn, int inputWidth, IReadOnlyList<(string Column, string Graph)> vectors, bool scalars)
    {
        var ml = new MLContext();
        var steps = new Steps(inputColumn, inputWidth);
        string[] scalarVectors = scalars ? [AnomalyColumnsMapping.ScoreVectorColumnName, AnomalyColumnsMapping.PredictedLabelVectorColumnName] : [];
        steps.Append(ml.Transforms.ApplyOnnxModel(vectors.Select(vector => vector.Graph).Concat(scalarVectors).ToArray(), [inputColumn], graphFile));
        var renamed = vectors.Where(vector => vector.Column != vector.Graph).ToList();
        foreach (var (column, graphName) in renamed)
        {
            steps.Append(ml.Transforms.CopyColumns(column, graphName));
        }

        if (scalars)
        {
            steps.Append(ml.Transforms.CustomMapping<AnomalyColumnsMapping.Vectors, AnomalyColumnsMapping.Scalars>(AnomalyColumnsMapping.Map, AnomalyColumnsMapping.ContractName));
        }

        var temporary = renamed.Select(vector => vector.Graph).Concat(scalarVectors).ToArray();
        if (temporary.Length > 0)
        {
            steps.Append(ml.Transforms.DropColumns(temporary));
        }

        return steps.Chain();
    }

    /// <summary>A chain of ML.NET transformers, each fitted on the empty view of the input column as the ones before it leave it.</summary>
    private sealed class Steps(string inputColumn, int inputWidth)
    {
        private readonly List<ITransformer> _chain = [];
        private IDataView _view = EmptyView(inputColumn, inputWidth);

        /// <summary>Fits <paramref name="estimator"/> on the view so far and appends it.</summary>
        public void Append<TTransformer>(IEstimator<TTransformer> estimator) where TTransformer : ITransformer
        {
            var transformer = estimator.Fit(_view);
            _chain.Add(transformer);
            _view = transformer.Transform(_view);
        }

        /// <summary>The one transformer, or the chain of them.</summary>
        public ITransformer Chain() => _chain.Count == 1 ? _chain[0] : new TransformerChain<ITransformer>(_chain.ToArray());

        private static IDataView EmptyView(string inputColumn, int inputWidth)
        {
            var schema = new DataViewSchema.Builder();
            schema.AddColumn(inputColumn, new VectorDataViewType(NumberDataViewType.Single, inputWidth));
            return new NoRowsDataView(schema.ToSchema());
        }
    }

    private sealed class ClassName
    {
        public string Name { get; set; } = "";
    }

    /// <summary>
    /// The transformers saved in one of ours' place, made for one save: disposing them ends their
    /// ONNX Runtime session and deletes the file their graph was read from.
    /// </summary>
    public sealed class SavedForm(ITransformer transformer, string graphFile) : IDisposable
    {
        /// <summary>The transformer that saves itself.</summary>
        public ITransformer Transformer => transformer;

        public void Dispose()
        {
            (transformer as IDisposable)?.Dispose();
            File.Delete(graphFile);
        }
    }
}
