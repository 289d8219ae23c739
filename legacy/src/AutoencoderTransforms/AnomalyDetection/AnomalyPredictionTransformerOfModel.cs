using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// A fitted anomaly detector around a model of <typeparamref name="TModel"/> (ML.NET's
/// <c>AnomalyPredictionTransformer&lt;TModel&gt;</c>; the autoencoder's own detector is
/// <see cref="AnomalyPredictionTransformer"/>). Adds <c>Score</c> (higher = more anomalous) and
/// <c>PredictedLabel</c> (score above <see cref="Threshold"/>). Immutable and safe to use from several threads.
/// </summary>
/// <typeparam name="TModel">The model parameters, such as <see cref="Trainers.PcaModelParameters"/>.</typeparam>
public sealed class AnomalyPredictionTransformer<TModel> : ITransformer, IPersistableTransformer, IOnnxExportable
    where TModel : class
{
    private readonly IAnomalyModelParameters _scorer;

    internal AnomalyPredictionTransformer(TModel model, string featureColumnName, float threshold)
    {
        _scorer = model as IAnomalyModelParameters ?? throw new ArgumentException($"{typeof(TModel).Name} cannot score rows.", nameof(model));
        if (!float.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite number.");
        }

        Model = model;
        FeatureColumnName = featureColumnName;
        Threshold = threshold;
    }

    /// <summary>The fitted model parameters.</summary>
    public TModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Rows whose <see cref="ThresholdColumn"/> is above this are predicted anomalies.</summary>
    public float Threshold { get; }

    /// <summary>The column compared with the threshold: <c>Score</c>.</summary>
    public string ThresholdColumn => AutoencoderDefaults.ScoreColumnName;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, FeatureColumnName, _scorer.InputWidth);
        return inputSchema.With(AnomalyPredictionTransformer.OutputColumns(_scorer.InputWidth, null, null, null));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [FeatureColumnName], AnomalyPredictionTransformer.OutputColumns(_scorer.InputWidth, null, null, null), block =>
        {
            var scores = _scorer.Score(SchemaRequirements.BlockFeatures(block, FeatureColumnName));
            return [scores, Array.ConvertAll(scores, score => score > Threshold)];
        });
    }

    /// <summary>The same detector deciding at <paramref name="threshold"/>.</summary>
    internal AnomalyPredictionTransformer<TModel> WithThreshold(float threshold) => new(Model, FeatureColumnName, threshold);

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var score = _scorer.ExportScoreToOnnx(context, context.Read(FeatureColumnName));
        context.Write(AutoencoderDefaults.ScoreColumnName, score);
        context.Write(AutoencoderDefaults.PredictedLabelColumnName, AnomalyPredictionTransformer.ExportDecision(context, score, Threshold));
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = _scorer.Kind,
        ["features"] = FeatureColumnName,
        ["threshold"] = Threshold,
        ["model"] = _scorer.Save(),
    };

    /// <summary>Reads a detector saved with <paramref name="loadModel"/>'s model kind.</summary>
    internal static AnomalyPredictionTransformer<TModel> Load(JsonObject json, ModelLoadContext context, Func<JsonNode?, TModel?> loadModel)
    {
        var threshold = (float?)json["threshold"];
        if (threshold is not { } value || !float.IsFinite(value))
        {
            throw context.Corrupt("the anomaly threshold is missing or not a finite number");
        }

        var model = loadModel(json["model"]) ?? throw context.Corrupt($"the {typeof(TModel).Name} are missing, not finite or do not fit together");
        return new AnomalyPredictionTransformer<TModel>(model, (string?)json["features"] ?? throw context.Corrupt("an anomaly detector names no feature column"), value);
    }
}
