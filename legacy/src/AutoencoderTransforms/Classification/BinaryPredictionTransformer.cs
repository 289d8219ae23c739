using System.Text.Json.Nodes;

namespace Autoencoders.Data;

/// <summary>
/// A fitted binary classifier around a model of <typeparamref name="TModel"/> (ML.NET's
/// <c>BinaryPredictionTransformer&lt;TModel&gt;</c>). Adds <c>Score</c> (the margin, the log-odds),
/// <c>Probability</c> (its logistic) and <c>PredictedLabel</c> (score above <see cref="Threshold"/>).
/// </summary>
/// <typeparam name="TModel">The model parameters, such as <c>CalibratedModelParameters&lt;LinearBinaryModelParameters, PlattCalibrator&gt;</c>.</typeparam>
public sealed class BinaryPredictionTransformer<TModel> : PredictionTransformerBase<TModel>
    where TModel : class
{
    internal const string Kind = "lbfgs-logistic-regression";

    internal BinaryPredictionTransformer(TModel model, string featureColumnName)
        : base(model, ClassifierOf(model), featureColumnName)
    {
    }

    /// <summary>Rows whose <see cref="ThresholdColumn"/> is above this are predicted positive: 0, a probability of one half.</summary>
    public float Threshold => 0f;

    /// <summary>The column compared with the threshold: <c>Score</c>.</summary>
    public string ThresholdColumn => AutoencoderDefaults.ScoreColumnName;

    private protected override string SavedKind => Kind;

    private protected override PredictionKind Prediction => PredictionKind.Binary;

    private protected override DataViewSchema.DetachedColumn[] Outputs => ClassifierOutputs.Columns(PredictionKind.Binary, classCount: 0, labelAnnotations: null);

    private protected override Array[] Predictions(float[] margins) => ClassifierOutputs.BinaryValues(margins);

    /// <summary>Reads a classifier saved by <see cref="IPersistableTransformer.Save"/>, its model made by <paramref name="model"/>.</summary>
    internal static BinaryPredictionTransformer<TModel> Load(JsonObject json, ModelLoadContext context, Func<LinearClassifier, TModel> model)
    {
        var classifier = LinearModelPersistence.Load(json["model"], margins: 1) ?? throw context.Corrupt("the binary classifier's weights are missing, not finite or do not fit together");
        return new BinaryPredictionTransformer<TModel>(model(classifier), FeatureColumn(json, context));
    }

    private static LinearClassifier ClassifierOf(TModel model) => model switch
    {
        CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator> calibrated => calibrated.SubModel.Classifier,
        ILinearModelParameters linear => linear.Classifier,
        _ => throw new ArgumentException($"{typeof(TModel).Name} cannot score rows.", nameof(model)),
    };
}
