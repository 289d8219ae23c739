using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// A fitted binary classifier around a model of <typeparamref name="TModel"/> (ML.NET's
/// <c>BinaryPredictionTransformer&lt;TModel&gt;</c>). Adds <c>Score</c> (the margin, the log-odds),
/// <c>Probability</c> (its logistic) and <c>PredictedLabel</c> (score above <see cref="Threshold"/>).
/// A row with a missing (NaN) feature scores NaN, as in ML.NET.
/// Immutable and safe to use from several threads.
/// </summary>
/// <typeparam name="TModel">The model parameters, such as <c>CalibratedModelParameters&lt;LinearBinaryModelParameters, PlattCalibrator&gt;</c>.</typeparam>
public sealed class BinaryPredictionTransformer<TModel> : ITransformer, IPersistableTransformer, IOnnxExportable
    where TModel : class
{
    internal const string Kind = "lbfgs-logistic-regression";

    private readonly LinearClassifier _classifier;

    internal BinaryPredictionTransformer(TModel model, string featureColumnName)
    {
        _classifier = model switch
        {
            CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator> calibrated => calibrated.SubModel.Classifier,
            ILinearModelParameters linear => linear.Classifier,
            _ => throw new ArgumentException($"{typeof(TModel).Name} cannot score rows.", nameof(model)),
        };
        Model = model;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The fitted model parameters.</summary>
    public TModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Rows whose <see cref="ThresholdColumn"/> is above this are predicted positive: 0, a probability of one half.</summary>
    public float Threshold => 0f;

    /// <summary>The column compared with the threshold: <c>Score</c>.</summary>
    public string ThresholdColumn => AutoencoderDefaults.ScoreColumnName;

    private static DataViewSchema.DetachedColumn[] Outputs => ClassifierOutputs.Columns(PredictionKind.Binary, classCount: 0, labelAnnotations: null);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, FeatureColumnName, _classifier.InputWidth);
        return inputSchema.With(Outputs);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [FeatureColumnName], Outputs,
            block => ClassifierOutputs.BinaryValues(_classifier.Margins(SchemaRequirements.BlockFeatures(block, FeatureColumnName, allowMissing: true))));
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context) =>
        ClassifierOutputs.ExportToOnnx(context, PredictionKind.Binary, Outputs, LinearModelPersistence.ExportMargins(context, _classifier, context.Read(FeatureColumnName)), keyed: false);

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["features"] = FeatureColumnName,
        ["model"] = LinearModelPersistence.Save(_classifier),
    };

    /// <summary>Reads a classifier saved by <see cref="IPersistableTransformer.Save"/>, its model made by <paramref name="model"/>.</summary>
    internal static BinaryPredictionTransformer<TModel> Load(JsonObject json, ModelLoadContext context, Func<LinearClassifier, TModel> model)
    {
        var classifier = LinearModelPersistence.Load(json["model"], margins: 1) ?? throw context.Corrupt("the binary classifier's weights are missing, not finite or do not fit together");
        return new BinaryPredictionTransformer<TModel>(model(classifier), (string?)json["features"] ?? throw context.Corrupt("a classifier names no feature column"));
    }
}
