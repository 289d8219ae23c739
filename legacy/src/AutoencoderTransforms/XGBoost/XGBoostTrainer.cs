using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Trainers;

/// <summary>Trains gradient-boosted trees with XGBoost for binary, multiclass or regression tasks.</summary>
public sealed class XGBoostTrainer : IEstimator<XGBoostPredictionTransformer>
{
    private readonly XGBoostOptions _options;
    private readonly XGBoostParameters _parameters;

    internal XGBoostTrainer(MLContext context, XGBoostOptions options, XGBoostObjective objective)
    {
        ArgumentNullException.ThrowIfNull(options);
        SchemaRequirements.RequireName(options.LabelColumnName, nameof(options.LabelColumnName));
        SchemaRequirements.RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        options.Validate();
        _options = options;
        _parameters = options.WithSeed(options.Seed ?? context.NextSeed());
        Objective = objective;
    }

    /// <summary>What the trainer learns.</summary>
    public XGBoostObjective Objective { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    /// <summary>What a booster of <paramref name="objective"/> predicts.</summary>
    internal static PredictionKind KindOf(XGBoostObjective objective) => objective switch
    {
        XGBoostObjective.BinaryLogistic => PredictionKind.Binary,
        XGBoostObjective.MulticlassProbabilities => PredictionKind.Multiclass,
        _ => PredictionKind.Regression,
    };

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) =>
        ClassifierOutputs.TrainerOutputSchema(inputSchema, _options.FeatureColumnName, _options.LabelColumnName, KindOf(Objective));

    /// <inheritdoc />
    public XGBoostPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var rows = LabelledRows.Read(input, _options.FeatureColumnName, _options.LabelColumnName, weightColumnName: null, KindOf(Objective),
            keepRowsWithMissingFeatures: true);
        var model = rows.LabelKeyValues is null
            ? XGBoostModel.Train(rows.Features, rows.Labels, Objective, _parameters)
            : XGBoostModel.Train(rows.Features, rows.Labels, Objective, _parameters, classCount: rows.ClassCount);
        return new XGBoostPredictionTransformer(model, _options.FeatureColumnName, rows.LabelKeyValues);
    }
}
