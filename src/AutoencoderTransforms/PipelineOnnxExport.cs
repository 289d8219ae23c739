using Autoencoders.Scoring;
using Autoencoders.Trainers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// One ONNX model for a whole fitted pipeline holding our transformers. ML.NET's <c>ConvertToOnnx</c>
/// stops at a transformer it cannot export (ours, saved as ML.NET's OnnxTransformer over our graph)
/// and writes what it has without failing. Here the pipeline is saved and read back, so that each of
/// ours is the OnnxTransformer, CopyColumns, CustomMapping and DropColumns it saves as
/// (<see cref="OnnxHandOff"/>); each step is then exported on its own, ML.NET's through
/// <c>ConvertToOnnx</c> and ours from the graph saved with it, and <see cref="OnnxPipelineGraph"/>
/// joins them. A step with no ONNX form is refused by name before anything is written.
/// </summary>
internal static class PipelineOnnxExport
{
    /// <summary>How ML.NET's exporter names a column's output (its inputs it names as the columns).</summary>
    private const string OutputSuffix = ".output";

    /// <summary>What ML.NET's exporter logs where it drops a step it cannot export.</summary>
    private const string DroppedStepWarning = "Had to stop walkback of pipeline";

    /// <summary>The joined model of <paramref name="model"/>, read from <paramref name="inputSchema"/>, with an output per column of <paramref name="outputColumns"/> (every visible column where empty).</summary>
    /// <exception cref="NotSupportedException">A step of the pipeline has no ONNX form.</exception>
    /// <exception cref="ArgumentException">An output column is not a column of the pipeline's output.</exception>
    public static byte[] Export(ITransformer model, DataViewSchema inputSchema, IReadOnlyList<string> outputColumns)
    {
        var columns = OutputColumns(model.GetOutputSchema(inputSchema), outputColumns);
        var ml = new MLContext();
        using var saved = new MemoryStream();
        try
        {
            ml.Model.Save(model, inputSchema, saved);
        }
        catch (InvalidOperationException e)
        {
            throw new NotSupportedException($"The pipeline cannot be exported to ONNX: it cannot be saved, which the export starts from ({e.Message}). Nothing was written.", e);
        }

        saved.Position = 0;
        var graphs = SavedAutoencoders.OnnxGraphs(saved);
        saved.Position = 0;
        var loaded = SavedModelLoading.Load(ml, saved, out var savedSchema);
        try
        {
            var steps = Steps(loaded).ToList();
            var runsGraph = steps.OfType<OnnxTransformer>().Count();
            if (runsGraph != graphs.Count)
            {
                throw new InvalidDataException($"The saved pipeline has {runsGraph} OnnxTransformers but {graphs.Count} ONNX graphs.");
            }

            var schema = Visible(savedSchema);
            var pipeline = new OnnxPipelineGraph(MlNetGraph(new TransformerChain<ITransformer>(), schema, "its input"));
            var nextGraph = 0;
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var output = step.GetOutputSchema(schema);
                string Describe() => $"step {i + 1} of {steps.Count}, {step.GetType().Name.Split('`')[0]}{Writes(schema, output)}";
                switch (step)
                {
                    case OnnxTransformer:
                        var graph = graphs[nextGraph++];
                        if (!AutoencoderOnnxGraph.CarriesModel(graph))
                        {
                            throw Refusal(Describe(), "it runs an ONNX graph that this library did not write");
                        }

                        try
                        {
                            pipeline.Append(OnnxGraphBuilder.ForRowBatches(graph, "N"), column => column, column => column);
                        }
                        catch (InvalidDataException e)
                        {
                            // A graph saved by an earlier version (another operator set) or damaged.
                            throw Refusal(Describe(), e.Message, e);
                        }

                        break;
                    case CustomMappingTransformer<AnomalyColumnsMapping.Vectors, AnomalyColumnsMapping.Scalars>:
                        pipeline.Alias(nameof(AnomalyColumnsMapping.Scalars.Score), AnomalyColumnsMapping.ScoreVectorColumnName);
                        pipeline.Alias(nameof(AnomalyColumnsMapping.Scalars.PredictedLabel), AnomalyColumnsMapping.PredictedLabelVectorColumnName);
                        break;
                    default:
                        pipeline.Append(MlNetGraph(step, schema, Describe()), column => column,
                            name => name.EndsWith(OutputSuffix, StringComparison.Ordinal) ? name[..^OutputSuffix.Length] : null);
                        break;
                }

                schema = Visible(output);
            }

            return pipeline.ToBytes(columns.Select(column => (column, column + OutputSuffix)).ToList());
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    /// <summary><paramref name="requested"/>, or every visible column of <paramref name="output"/> where none is.</summary>
    /// <exception cref="ArgumentException">A requested column is not in <paramref name="output"/>.</exception>
    private static IReadOnlyList<string> OutputColumns(DataViewSchema output, IReadOnlyList<string> requested)
    {
        var visible = output.Where(column => !column.IsHidden).Select(column => column.Name).ToList();
        var missing = requested.Except(visible, StringComparer.Ordinal).ToList();
        return requested.Count == 0 ? visible
            : missing.Count == 0 ? requested
            : throw new ArgumentException(
                $"The pipeline's output has no column {string.Join(", ", missing.Select(column => $"'{column}'"))}; it has {string.Join(", ", visible.Select(column => $"'{column}'"))}.",
                "outputColumns");
    }

    /// <summary>ML.NET's ONNX export of <paramref name="step"/> alone, read from <paramref name="schema"/>; refused, naming <paramref name="describe"/>, where ML.NET has none.</summary>
    private static byte[] MlNetGraph(ITransformer step, DataViewSchema schema, string describe)
    {
        var exporter = new MLContext();
        var dropped = false;
        exporter.Log += (_, entry) => dropped |= entry.Kind == ChannelMessageKind.Warning && entry.Message.Contains(DroppedStepWarning, StringComparison.Ordinal);
        using var graph = new MemoryStream();
        try
        {
            exporter.Model.ConvertToOnnx(step, new NoRowsDataView(schema), graph);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or NotImplementedException or ArgumentException or FormatException)
        {
            throw Refusal(describe, $"ML.NET cannot export it ({e.Message})", e);
        }

        return dropped ? throw Refusal(describe, "ML.NET has no ONNX form for it") : graph.ToArray();
    }

    private static NotSupportedException Refusal(string step, string reason, Exception? inner = null) =>
        new($"The pipeline cannot be exported to ONNX: {step}: {reason}. Nothing was written.", inner);

    /// <summary>The steps of <paramref name="model"/> in order, chains opened.</summary>
    private static IEnumerable<ITransformer> Steps(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Steps) : [model];

    /// <summary>The visible columns of <paramref name="schema"/>, with their annotations: what a step's ONNX export reads.</summary>
    private static DataViewSchema Visible(DataViewSchema schema)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in schema.Where(column => !column.IsHidden))
        {
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        }

        return builder.ToSchema();
    }

    /// <summary>" writing 'A', 'B'": the columns a step adds or replaces (leaving the old one hidden), for messages.</summary>
    private static string Writes(DataViewSchema input, DataViewSchema output)
    {
        var replaced = output.Where(column => column.IsHidden).Select(column => column.Name).ToHashSet(StringComparer.Ordinal);
        var written = output.Where(column => !column.IsHidden && (input.GetColumnOrNull(column.Name) is null || replaced.Contains(column.Name))).Select(column => $"'{column.Name}'").ToList();
        return written.Count == 0 ? "" : $" writing {string.Join(", ", written)}";
    }
}
