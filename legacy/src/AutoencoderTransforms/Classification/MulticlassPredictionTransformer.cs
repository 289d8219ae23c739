using System.Text.Json.Nodes;

namespace Autoencoders.Data;

/// <summary>
/// A fitted multiclass classifier around a model of <typeparamref name="TModel"/> (ML.NET's
/// <c>MulticlassPredictionTransformer&lt;TModel&gt;</c>). Adds <c>Score</c> (one probability per
/// class) and <c>PredictedLabel</c> (the likeliest class: a key carrying the label's key values when
/// the label was a key, else the Int32 class).
/// </summary>
/// <typeparam name="TModel">The model parameters, such as <see cref="Trainers.MaximumEntropyModelParameters"/>.</typeparam>
public sealed class MulticlassPredictionTransformer<TModel> : PredictionTransformerBase<TModel>
    where TModel : class
{
    internal const string Kind = "lbfgs-maximum-entropy";

    private readonly Array? _labelKeyValues;

    internal MulticlassPredictionTransformer(TModel model, string featureColumnName, string labelColumnName, Array? labelKeyValues)
        : base(model, (model as ILinearModelParameters ?? throw new ArgumentException($"{typeof(TModel).Name} cannot score rows.", nameof(model))).Classifier, featureColumnName)
    {
        LabelColumnName = labelColumnName;
        _labelKeyValues = labelKeyValues;
    }

    /// <summary>The label column the model was trained on.</summary>
    public string LabelColumnName { get; }

    private protected override string SavedKind => Kind;

    private protected override PredictionKind Prediction => PredictionKind.Multiclass;

    private protected override DataViewSchema.DetachedColumn[] Outputs =>
        ClassifierOutputs.Columns(PredictionKind.Multiclass, Classifier.MarginCount, _labelKeyValues is null ? null : KeyValueTypes.Annotations(_labelKeyValues));

    private protected override bool Keyed => _labelKeyValues is not null;

    private protected override Array[] Predictions(float[] margins) =>
        ClassifierOutputs.MulticlassValues(ClassifierOutputs.Softmax(margins, Classifier.MarginCount), Classifier.MarginCount, Keyed);

    private protected override void SaveSettings(JsonObject json)
    {
        json["label"] = LabelColumnName;
        if (_labelKeyValues is not null) KeyValueTypes.Save(_labelKeyValues, json);
    }

    /// <summary>Reads a classifier saved by <see cref="IPersistableTransformer.Save"/>, its model made by <paramref name="model"/>.</summary>
    internal static MulticlassPredictionTransformer<TModel> Load(JsonObject json, ModelLoadContext context, Func<LinearClassifier, TModel> model)
    {
        var labelKeyValues = KeyValueTypes.Load(json);
        var classes = labelKeyValues?.Length ?? JsonFloats.Read(json["model"]?["biases"])?.Length ?? 0;
        var classifier = LinearModelPersistence.Load(json["model"], classes);
        if (classes < 2 || classifier is null)
        {
            throw context.Corrupt("the multiclass weights are missing, not finite or do not fit the classes");
        }

        return new MulticlassPredictionTransformer<TModel>(model(classifier), FeatureColumn(json, context),
            (string?)json["label"] ?? AutoencoderDefaults.LabelColumnName, labelKeyValues);
    }
}
