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

    private PredictionKind Kind => Objective switch
    {
        XGBoostObjective.BinaryLogistic => PredictionKind.Binary,
        XGBoostObjective.MulticlassProbabilities => PredictionKind.Multiclass,
        _ => PredictionKind.Regression,
    };

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, _options.FeatureColumnName);
        var label = SchemaRequirements.RequireColumn(inputSchema, _options.LabelColumnName);
        LabelledRows.RequireLabelType(label, Kind);
        return inputSchema.With(ClassifierOutputs.Columns(Kind, classCount: 0, label.Type is KeyDataViewType ? label.Annotations : null));
    }

    /// <inheritdoc />
    public XGBoostPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var rows = LabelledRows.Read(input, _options.FeatureColumnName, _options.LabelColumnName, weightColumnName: null, Kind, allowMissingFeatures: true);
        var model = rows.LabelKeyValues is null
            ? XGBoostModel.Train(rows.Features, rows.Labels, Objective, _parameters)
            : XGBoostModel.Train(rows.Features, rows.Labels, Objective, _parameters, classCount: rows.ClassCount);
        return new XGBoostPredictionTransformer(model, _options.FeatureColumnName, rows.LabelKeyValues);
    }
}
