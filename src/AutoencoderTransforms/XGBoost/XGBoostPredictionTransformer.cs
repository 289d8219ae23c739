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

    /// <summary>The columns added; for multiclass with a key label, PredictedLabel is a key carrying <paramref name="labelAnnotations"/>.</summary>
    internal static DataViewSchema.DetachedColumn[] OutputColumns(XGBoostObjective objective, int classCount, DataViewSchema.Annotations? labelAnnotations) => objective switch
    {
        XGBoostObjective.BinaryLogistic =>
        [
            new(AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single),
            new("Probability", NumberDataViewType.Single),
            new(AutoencoderDefaults.PredictedLabelColumnName, BooleanDataViewType.Instance),
        ],
        XGBoostObjective.MulticlassProbabilities =>
        [
            new(AutoencoderDefaults.ScoreColumnName, classCount > 0 ? new VectorDataViewType(classCount) : VectorDataViewType.UnknownSize),
            labelAnnotations is null
                ? new(AutoencoderDefaults.PredictedLabelColumnName, NumberDataViewType.Int32)
                : new(AutoencoderDefaults.PredictedLabelColumnName, classCount > 0 ? new KeyDataViewType(typeof(uint), classCount) : KeyDataViewType.UnknownCount, labelAnnotations),
        ],
        _ => [new(AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single)],
    };

    private DataViewSchema.DetachedColumn[] Outputs =>
        OutputColumns(Model.Objective, Model.ClassCount, _labelKeyValues is null ? null : KeyValueTypes.Annotations(_labelKeyValues));

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
            return Model.Objective switch
            {
                XGBoostObjective.BinaryLogistic => BinaryColumns(Model.PredictMargins(features)),
                XGBoostObjective.MulticlassProbabilities => MulticlassColumns(Model.Predict(features)),
                _ => [Model.Predict(features)],
            };
        });
    }

    /// <summary>Score (the margin: log-odds), Probability (its logistic, as XGBoost computes it) and PredictedLabel (score above 0).</summary>
    private static Array[] BinaryColumns(float[] margins) =>
    [
        margins,
        Array.ConvertAll(margins, margin => 1f / (1f + MathF.Exp(-margin))),
        Array.ConvertAll(margins, margin => margin > 0f),
    ];

    private Array[] MulticlassColumns(float[] probabilities)
    {
        var classes = ArgMaxPerRow(probabilities, Model.ClassCount);
        return [probabilities, _labelKeyValues is null ? classes : Array.ConvertAll(classes, k => (uint)k + 1)];
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var margins = XGBoostOnnxGraph.Margins(context, Model, context.Read(FeatureColumnName));
        var columns = Outputs;
        switch (Model.Objective)
        {
            case XGBoostObjective.BinaryLogistic:
                context.Write(columns[0].Name, margins);
                context.Write(columns[1].Name, context.Node("Sigmoid", [margins], columns[1].Name));
                context.Write(columns[2].Name, context.Node("Greater", [margins, context.Constant("zero", [0f], 1)], columns[2].Name));
                break;
            case XGBoostObjective.MulticlassProbabilities:
                context.Write(columns[0].Name, context.Node("Softmax", [margins], columns[0].Name, OnnxAttributes.Int("axis", 1)));
                var best = context.Node("ArgMax", [margins], "best_class", OnnxAttributes.Int("axis", 1), OnnxAttributes.Int("keepdims", 1));
                var label = _labelKeyValues is null ? best : context.Node("Add", [best, context.Constant("key_offset", [1L], 1)], "best_key");
                context.Write(columns[1].Name, context.Cast(label, columns[1].Type, columns[1].Name));
                break;
            default:
                context.Write(columns[0].Name, margins);
                break;
        }
    }

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

    private static int[] ArgMaxPerRow(float[] probabilities, int classCount)
    {
        var classes = new int[probabilities.Length / classCount];
        for (var row = 0; row < classes.Length; row++)
        {
            classes[row] = ClassScores.Highest(probabilities.AsSpan(row * classCount, classCount));
        }

        return classes;
    }
}
