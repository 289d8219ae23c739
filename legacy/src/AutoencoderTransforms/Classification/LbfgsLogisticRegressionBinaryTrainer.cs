namespace Autoencoders.Trainers;

/// <summary>
/// ML.NET's binary logistic regression trained by L-BFGS: learns a weight per feature and a bias
/// from a Boolean label (or 0/1 in a Single or Int32 column); its score is the log-odds, turned
/// into a probability by a Platt calibrator of slope -1. Rows with a missing feature value are
/// left out, as ML.NET does.
/// </summary>
public sealed class LbfgsLogisticRegressionBinaryTrainer
    : LbfgsTrainerBase<BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>>>
{
    internal LbfgsLogisticRegressionBinaryTrainer(Options options) : base(options, PredictionKind.Binary)
    {
    }

    /// <summary>The settings of <see cref="LbfgsLogisticRegressionBinaryTrainer"/>, named as ML.NET's.</summary>
    public sealed class Options : LbfgsOptionsBase
    {
    }

    /// <inheritdoc />
    public override BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>> Fit(IDataView input)
    {
        var rows = ReadRows(input);
        var classifier = LinearClassifier.Fit(rows.Features, rows.Labels, rows.Weights, classes: 1, Settings);
        return new BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>>(Calibrated(classifier), TrainerOptions.FeatureColumnName);
    }

    /// <summary>The model of <paramref name="classifier"/> with logistic regression's calibrator (its score is already the log-odds).</summary>
    internal static CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator> Calibrated(LinearClassifier classifier) =>
        new(new LinearBinaryModelParameters(classifier), new PlattCalibrator(slope: -1, offset: 0));
}
