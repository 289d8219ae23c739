namespace Autoencoders.Trainers;

/// <summary>
/// Options of the autoencoder anomaly detector. The decision threshold comes from at most one of
/// <see cref="Threshold"/>, <see cref="FalsePositiveRate"/>, <see cref="Contamination"/> and
/// <see cref="AutomaticThreshold"/>; when none is set, <see cref="AutoencoderDefaults.Contamination"/>
/// of the training rows are flagged.
/// </summary>
public sealed class AutoencoderAnomalyDetectionOptions : AutoencoderOptions
{
    /// <summary>
    /// Options with the defaults a real-table suite chose for detection (bench/tabular): an
    /// automatic epoch count (<see cref="AutoencoderTrainingOptions.Epochs"/> null: about 3,000 steps
    /// whatever the table's size), batches of <see cref="AutoencoderDefaults.AnomalyBatchSize"/> rows,
    /// every row trained on (<see cref="AutoencoderTrainingOptions.ValidationFraction"/> 0; set it
    /// above 0 for a <see cref="FalsePositiveRate"/> or early stopping), and the
    /// <see cref="AnomalyScore.NegativeLogLikelihood"/> score.
    /// </summary>
    public AutoencoderAnomalyDetectionOptions()
    {
        Epochs = null;
        BatchSize = AutoencoderDefaults.AnomalyBatchSize;
        ValidationFraction = 0f;
    }

    /// <summary>The Single or vector column of (normalized) features. Defaults to "Features".</summary>
    public string FeatureColumnName { get; set; } = AutoencoderDefaults.FeatureColumnName;

    /// <summary>Share of the training rows to flag as anomalies, in (0, 1): the threshold is that quantile of their scores.</summary>
    public float? Contamination { get; set; }

    /// <summary>
    /// Whether the threshold is chosen from the training rows' scores alone, for when the share of
    /// anomalies is unknown: their median plus <see cref="AutoencoderDefaults.AutomaticThresholdDeviations"/>
    /// times their median absolute deviation (scaled by 1.4826 to estimate a normal's standard
    /// deviation), the robust outlier rule of Leys et al. (2013), which the anomalies themselves
    /// barely move. Defaults to false.
    /// </summary>
    public bool AutomaticThreshold { get; set; }

    /// <summary>An explicit score threshold: rows scoring above it are anomalies.</summary>
    public float? Threshold { get; set; }

    /// <summary>
    /// The target false-positive rate, in (0, 1), on held-out normal rows: the threshold is the
    /// (1 - rate) quantile of the validation rows' scores, which the autoencoder did not train on.
    /// Needs a validation fraction above 0.
    /// </summary>
    public float? FalsePositiveRate { get; set; }

    /// <summary>
    /// What the score measures (see <see cref="AnomalyScore"/>). Defaults to
    /// <see cref="AnomalyScore.NegativeLogLikelihood"/>: the code's Mahalanobis distance plus each
    /// feature's error over its typical error.
    /// </summary>
    public AnomalyScore Score { get; set; } = AnomalyScore.NegativeLogLikelihood;

    /// <summary>
    /// The standard deviation, in pixels, of the Gaussian that smooths image and reconstruction for
    /// the <see cref="AnomalyScore.SmoothedReconstructionError"/> score, in (0, 1000]. Defaults to
    /// <see cref="AutoencoderDefaults.ErrorSmoothingSigma"/>.
    /// </summary>
    public float ErrorSmoothingSigma { get; set; } = AutoencoderDefaults.ErrorSmoothingSigma;

    /// <summary>Draws of the code per row for the negative-ELBO score. Defaults to 10.</summary>
    public int ElboSamples { get; set; } = 10;

    /// <summary>
    /// When set, a vector column of this name holds each feature's squared reconstruction error,
    /// showing which features made a row anomalous. Defaults to null (none).
    /// </summary>
    public string? FeatureContributionsColumnName { get; set; }

    /// <summary>
    /// When set, a vector column of this name holds each row's reconstruction, e.g. for
    /// <c>ml.Transforms.StructuralDissimilarityMap</c> or <c>ConvertToImage</c>. Defaults to null (none).
    /// </summary>
    public string? ReconstructionColumnName { get; set; }
}
