namespace Autoencoders.Trainers;

/// <summary>
/// ML.NET's binary logistic regression trained by L-BFGS: learns a weight per feature and a bias
/// from a Boolean label (or 0/1 in a Single or Int32 column); its score is the log-odds, turned
/// into a probability by a Platt calibrator of slope -1. Rows with a missing feature value are
/// left out, as ML.NET does.
/// </summary>
public sealed class LbfgsLogisticRegressionBinaryTrainer
    : IEstimator<BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>>>
{
    private readonly Options _options;
    private readonly LbfgsSettings _settings;

    internal LbfgsLogisticRegressionBinaryTrainer(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Settings();
        _options = options;
    }

    /// <summary>The settings of <see cref="LbfgsLogisticRegressionBinaryTrainer"/>, named as ML.NET's.</summary>
    public sealed class Options : LbfgsOptionsBase
    {
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) =>
        ClassifierOutputs.TrainerOutputSchema(inputSchema, _options.FeatureColumnName, _options.LabelColumnName, PredictionKind.Binary);

    /// <inheritdoc />
    public BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var rows = LabelledRows.Read(input, _options.FeatureColumnName, _options.LabelColumnName, _options.ExampleWeightColumnName, PredictionKind.Binary,
            keepRowsWithMissingFeatures: false);
        var classifier = LinearClassifier.Fit(rows.Features, rows.Labels, rows.Weights, classes: 1, _settings);
        return new BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>>(Calibrated(classifier), _options.FeatureColumnName);
    }

    /// <summary>The model of <paramref name="classifier"/> with logistic regression's calibrator (its score is already the log-odds).</summary>
    internal static CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator> Calibrated(LinearClassifier classifier) =>
        new(new LinearBinaryModelParameters(classifier), new PlattCalibrator(slope: -1, offset: 0));
}
