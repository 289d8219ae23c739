using System.Text.Json.Nodes;
using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Data;

/// <summary>
/// A fitted XGBoost model as a transform, with ML.NET's output columns: binary classification adds
/// <c>Score</c> (log-odds), <c>Probability</c> and <c>PredictedLabel</c> (Boolean); multiclass adds
/// <c>Score</c> (one probability per class) and <c>PredictedLabel</c> (Int32 class); regression adds
/// <c>Score</c>. Safe to use from several threads; dispose it to free the native booster.
/// </summary>
public sealed class XGBoostPredictionTransformer : ITransformer, IPersistableTransformer, IDisposable
{
    internal const string Kind = "xgboost";

    internal XGBoostPredictionTransformer(XGBoostModel model, string featureColumnName)
    {
        Model = model;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The trained booster.</summary>
    public XGBoostModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    internal static (string Name, DataViewType Type)[] OutputColumns(XGBoostObjective objective, int classCount) => objective switch
    {
        XGBoostObjective.BinaryLogistic =>
        [
            (AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single),
            ("Probability", NumberDataViewType.Single),
            (AutoencoderDefaults.PredictedLabelColumnName, BooleanDataViewType.Instance),
        ],
        XGBoostObjective.MulticlassProbabilities =>
        [
            (AutoencoderDefaults.ScoreColumnName, classCount > 0 ? new VectorDataViewType(classCount) : VectorDataViewType.UnknownSize),
            (AutoencoderDefaults.PredictedLabelColumnName, NumberDataViewType.Int32),
        ],
        _ => [(AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single)],
    };

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, FeatureColumnName, Model.FeatureCount);
        return inputSchema.With(OutputColumns(Model.Objective, Model.ClassCount));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [FeatureColumnName], OutputColumns(Model.Objective, Model.ClassCount), block =>
        {
            var features = new FeatureMatrix(SchemaRequirements.BlockFeatures(block, FeatureColumnName, allowMissing: true), Model.FeatureCount);
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

    private Array[] MulticlassColumns(float[] probabilities) => [probabilities, ArgMaxPerRow(probabilities, Model.ClassCount)];

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["features"] = FeatureColumnName,
        ["objective"] = Model.Objective.ToString(),
        ["featureCount"] = Model.FeatureCount,
        ["classCount"] = Model.ClassCount,
        ["booster"] = context.SaveBytes(Model.Save()),
    };

    internal static XGBoostPredictionTransformer Load(JsonObject json, ModelLoadContext context)
    {
        var model = XGBoostModel.Load(context.LoadBytes((string?)json["booster"]), Enum.Parse<XGBoostObjective>((string)json["objective"]!),
            (int)json["featureCount"]!, (int)json["classCount"]!);
        return new XGBoostPredictionTransformer(model, (string)json["features"]!);
    }

    private static int[] ArgMaxPerRow(float[] probabilities, int classCount)
    {
        var classes = new int[probabilities.Length / classCount];
        for (var row = 0; row < classes.Length; row++)
        {
            var best = 0;
            for (var k = 1; k < classCount; k++)
            {
                if (probabilities[row * classCount + k] > probabilities[row * classCount + best]) best = k;
            }

            classes[row] = best;
        }

        return classes;
    }
}
