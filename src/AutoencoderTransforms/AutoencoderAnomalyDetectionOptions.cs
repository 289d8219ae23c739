using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// Options of <c>mlContext.AnomalyDetection.Trainers.Autoencoder</c>. The decision threshold comes
/// from at most one of <see cref="Threshold"/>, <see cref="FalsePositiveRate"/>,
/// <see cref="Contamination"/> and <see cref="AutomaticThreshold"/>; when none is set,
/// <see cref="DefaultContamination"/> of the training rows are flagged. Every default is here or in
/// the classes it derives from.
/// </summary>
public sealed class AutoencoderAnomalyDetectionOptions : AutoencoderOptions
{
    /// <summary>The share of training rows flagged when no threshold setting is given.</summary>
    public const float DefaultContamination = 0.1f;

    /// <summary>Rows per optimizer step of the detector (smaller than the featurizer's: tables are often small).</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Scaled median absolute deviations above the median at which <see cref="AutomaticThreshold"/> puts the threshold.</summary>
    public const float AutomaticThresholdDeviations = 2.5f;

    /// <summary>
    /// Options with the defaults chosen for detection on real tables: an automatic epoch count
    /// (<see cref="AutoencoderTrainingOptions.Epochs"/> null: about 3,000 steps whatever the table's
    /// size), batches of <see cref="DefaultBatchSize"/> rows, every row trained on
    /// (<see cref="AutoencoderTrainingOptions.ValidationFraction"/> 0; set it above 0 for
    /// <see cref="FalsePositiveRate"/> or early stopping), and the
    /// <see cref="AnomalyScore.NegativeLogLikelihood"/> score.
    /// </summary>
    public AutoencoderAnomalyDetectionOptions()
    {
        Epochs = null;
        BatchSize = DefaultBatchSize;
        ValidationFraction = 0f;
    }

    /// <summary>The column of (normalized) features, a vector of Single of known size. Defaults to "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>What <c>Score</c> measures. Defaults to <see cref="AnomalyScore.NegativeLogLikelihood"/>.</summary>
    public AnomalyScore Score { get; set; } = AnomalyScore.NegativeLogLikelihood;

    /// <summary>Share of the training rows to flag as anomalies, in (0, 1): the threshold is that upper quantile of their scores. Defaults to null.</summary>
    public float? Contamination { get; set; }

    /// <summary>
    /// Whether the threshold is chosen from the training rows' scores alone, for when the share of
    /// anomalies is unknown: their median plus <see cref="AutomaticThresholdDeviations"/> times their
    /// median absolute deviation (scaled by 1.4826 to estimate a normal's standard deviation), the
    /// robust outlier rule of Leys et al. (2013), which the anomalies themselves barely move. Defaults to false.
    /// </summary>
    public bool AutomaticThreshold { get; set; }

    /// <summary>An explicit score threshold: rows scoring above it are anomalies. Defaults to null.</summary>
    public float? Threshold { get; set; }

    /// <summary>
    /// The target false-positive rate, in (0, 1), on held-out normal rows: the threshold is the
    /// (1 - rate) quantile of the validation rows' scores, which the autoencoder did not train on.
    /// Needs <see cref="AutoencoderTrainingOptions.ValidationFraction"/> above 0. Defaults to null.
    /// </summary>
    public float? FalsePositiveRate { get; set; }

    /// <summary>
    /// The standard deviation, in pixels, of the Gaussian that smooths the difference between an image
    /// and its reconstruction for <see cref="AnomalyScore.SmoothedReconstructionError"/> (which needs
    /// <see cref="AutoencoderTrainingOptions.ImageShape"/>), in (0, 1000]. Defaults to 1.
    /// </summary>
    public float ErrorSmoothingSigma { get; set; } = 1f;

    /// <summary>
    /// When set, a vector column of this name holds each feature's part in the score (its squared
    /// reconstruction error, weighted for the likelihood score), showing which features made a row
    /// anomalous; its slots are named as the features'. Defaults to null (none).
    /// </summary>
    public string? FeatureContributionsColumnName { get; set; }

    /// <summary>When set, a vector column of this name holds each row's reconstruction. Defaults to null (none).</summary>
    public string? ReconstructionColumnName { get; set; }

    /// <summary>A copy, so a fit never sees later changes to the caller's object.</summary>
    internal AutoencoderAnomalyDetectionOptions Copy() => (AutoencoderAnomalyDetectionOptions)MemberwiseClone();
}
