using System.Text.Json.Nodes;
using Autoencoders.Onnx;
using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Data;

/// <summary>
/// A fitted XGBoost model as a transform, with ML.NET's output columns: binary classification adds
/// <c>Score</c> (log-odds), <c>Probability</c> and <c>PredictedLabel</c> (Boolean); multiclass adds
/// <c>Score</c> (one probability per class) and <c>PredictedLabel</c> (a key with the label's key
/// values when the label was a key, as in ML.NET, else the Int32 class); regression adds
/// <c>Score</c>. Safe to use from several threads; dispose it to free the native booster.
/// </summary>
public sealed class XGBoostPredictionTransformer : ITransformer, IPersistableTransformer, IOnnxExportable, IDisposable
{
    internal const string Kind = "xgboost";

    private readonly Array? _labelKeyValues;

    internal XGBoostPredictionTransformer(XGBoostModel model, string featureColumnName, Array? labelKeyValues)
    {
        Model = model;
        FeatureColumnName = featureColumnName;
        _labelKeyValues = labelKeyValues;
    }

    /// <summary>The trained booster.</summary>
    public XGBoostModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    private PredictionKind Prediction => XGBoostTrainer.KindOf(Model.Objective);

    private DataViewSchema.DetachedColumn[] Outputs =>
        ClassifierOutputs.Columns(Prediction, Model.ClassCount, _labelKeyValues is null ? null : KeyValueTypes.Annotations(_labelKeyValues));

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, FeatureColumnName, Model.FeatureCount);
        return inputSchema.With(Outputs);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [FeatureColumnName], Outputs, block =>
        {
            var features = SchemaRequirements.BlockFeatures(block, FeatureColumnName, allowMissing: true);
            return Prediction switch
            {
                PredictionKind.Binary => ClassifierOutputs.BinaryValues(Model.PredictMargins(features)),
                PredictionKind.Multiclass => ClassifierOutputs.MulticlassValues(Model.Predict(features), Model.ClassCount, keyed: _labelKeyValues is not null),
                _ => [Model.Predict(features)],
            };
        });
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context) =>
        ClassifierOutputs.ExportToOnnx(context, Prediction, Outputs, XGBoostOnnxGraph.Margins(context, Model, context.Read(FeatureColumnName)), keyed: _labelKeyValues is not null);

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject
        {
            ["kind"] = Kind,
            ["features"] = FeatureColumnName,
            ["objective"] = Model.Objective.ToString(),
            ["featureCount"] = Model.FeatureCount,
            ["classCount"] = Model.ClassCount,
            ["booster"] = context.SaveBytes(Model.Save()),
        };
        if (_labelKeyValues is not null) KeyValueTypes.Save(_labelKeyValues, json);
        return json;
    }

    internal static XGBoostPredictionTransformer Load(JsonObject json, ModelLoadContext context)
    {
        var model = XGBoostModel.Load(context.LoadBytes((string?)json["booster"]), Enum.Parse<XGBoostObjective>((string)json["objective"]!),
            (int)json["featureCount"]!, (int)json["classCount"]!);
        var labelKeyValues = KeyValueTypes.Load(json);
        if (labelKeyValues is not null && labelKeyValues.Length != model.ClassCount)
        {
            model.Dispose();
            throw new FormatException($"{labelKeyValues.Length} label key values for {model.ClassCount} classes");
        }

        return new XGBoostPredictionTransformer(model, (string)json["features"]!, labelKeyValues);
    }
}
