using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// A fitted multiclass classifier around a model of <typeparamref name="TModel"/> (ML.NET's
/// <c>MulticlassPredictionTransformer&lt;TModel&gt;</c>). Adds <c>Score</c> (one probability per
/// class) and <c>PredictedLabel</c> (the likeliest class: a key carrying the label's key values when
/// the label was a key, else the Int32 class). A row with a missing (NaN) feature scores NaN, as in ML.NET. Immutable and safe to use from several threads.
/// </summary>
/// <typeparam name="TModel">The model parameters, such as <see cref="Trainers.MaximumEntropyModelParameters"/>.</typeparam>
public sealed class MulticlassPredictionTransformer<TModel> : ITransformer, IPersistableTransformer, IOnnxExportable
    where TModel : class
{
    internal const string Kind = "lbfgs-maximum-entropy";

    private readonly LinearClassifier _classifier;
    private readonly Array? _labelKeyValues;

    internal MulticlassPredictionTransformer(TModel model, string featureColumnName, string labelColumnName, Array? labelKeyValues)
    {
        _classifier = (model as ILinearModelParameters ?? throw new ArgumentException($"{typeof(TModel).Name} cannot score rows.", nameof(model))).Classifier;
        Model = model;
        FeatureColumnName = featureColumnName;
        LabelColumnName = labelColumnName;
        _labelKeyValues = labelKeyValues;
    }

    /// <summary>The fitted model parameters.</summary>
    public TModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The label column the model was trained on.</summary>
    public string LabelColumnName { get; }

    private DataViewSchema.DetachedColumn[] Outputs =>
        ClassifierOutputs.Columns(PredictionKind.Multiclass, _classifier.MarginCount, _labelKeyValues is null ? null : KeyValueTypes.Annotations(_labelKeyValues));

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
        return new MappedDataView(input, [FeatureColumnName], Outputs, block =>
        {
            var margins = _classifier.Margins(SchemaRequirements.BlockFeatures(block, FeatureColumnName, allowMissing: true));
            return ClassifierOutputs.MulticlassValues(ClassifierOutputs.Softmax(margins, _classifier.MarginCount), _classifier.MarginCount, keyed: _labelKeyValues is not null);
        });
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context) =>
        ClassifierOutputs.ExportToOnnx(context, PredictionKind.Multiclass, Outputs,
            LinearModelPersistence.ExportMargins(context, _classifier, context.Read(FeatureColumnName)), keyed: _labelKeyValues is not null);

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject
        {
            ["kind"] = Kind,
            ["features"] = FeatureColumnName,
            ["label"] = LabelColumnName,
            ["model"] = LinearModelPersistence.Save(_classifier),
        };
        if (_labelKeyValues is not null) KeyValueTypes.Save(_labelKeyValues, json);
        return json;
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

        return new MulticlassPredictionTransformer<TModel>(model(classifier), (string?)json["features"] ?? throw context.Corrupt("a classifier names no feature column"),
            (string?)json["label"] ?? AutoencoderDefaults.LabelColumnName, labelKeyValues);
    }
}
