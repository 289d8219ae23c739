namespace Autoencoders.Trainers;

/// <summary>
/// ML.NET's multiclass logistic (softmax) regression trained by L-BFGS: learns one weight vector
/// and bias per class from rows labelled by a key (rows whose key is missing are left out, so a
/// partly labelled column can be given as is) or by Int32 classes 0..K-1. Rows with a missing
/// feature value are left out, as ML.NET does.
/// </summary>
public sealed class LbfgsMaximumEntropyMulticlassTrainer : IEstimator<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>
{
    private readonly Options _options;
    private readonly LbfgsSettings _settings;

    internal LbfgsMaximumEntropyMulticlassTrainer(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Settings();
        _options = options;
    }

    /// <summary>The settings of <see cref="LbfgsMaximumEntropyMulticlassTrainer"/>, named as ML.NET's.</summary>
    public sealed class Options : LbfgsOptionsBase
    {
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) =>
        ClassifierOutputs.TrainerOutputSchema(inputSchema, _options.FeatureColumnName, _options.LabelColumnName, PredictionKind.Multiclass);

    /// <inheritdoc />
    public MulticlassPredictionTransformer<MaximumEntropyModelParameters> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var rows = LabelledRows.Read(input, _options.FeatureColumnName, _options.LabelColumnName, _options.ExampleWeightColumnName, PredictionKind.Multiclass,
            keepRowsWithMissingFeatures: false);
        if (rows.ClassCount < 2)
        {
            throw new ArgumentException($"Label column '{_options.LabelColumnName}' has {rows.ClassCount} class; a multiclass classifier needs at least 2.", nameof(input));
        }

        var classifier = LinearClassifier.Fit(rows.Features, rows.Labels, rows.Weights, rows.ClassCount, _settings);
        return new MulticlassPredictionTransformer<MaximumEntropyModelParameters>(new MaximumEntropyModelParameters(classifier), _options.FeatureColumnName,
            _options.LabelColumnName, rows.LabelKeyValues);
    }
}
