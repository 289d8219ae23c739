namespace Autoencoders.Trainers;

/// <summary>
/// Options of the autoencoder anomaly detector. The decision threshold comes from at most one of
/// <see cref="Threshold"/>, <see cref="FalsePositiveRate"/> and <see cref="Contamination"/>;
/// when none is set, <see cref="AutoencoderDefaults.Contamination"/> of the training rows are flagged.
/// </summary>
public sealed class AutoencoderAnomalyDetectionOptions : AutoencoderOptions
{
    /// <summary>The Single or vector column of (normalized) features. Defaults to "Features".</summary>
    public string FeatureColumnName { get; set; } = AutoencoderDefaults.FeatureColumnName;

    /// <summary>Share of the training rows to flag as anomalies, in (0, 1): the threshold is that quantile of their scores.</summary>
    public float? Contamination { get; set; }

    /// <summary>An explicit score threshold: rows scoring above it are anomalies.</summary>
    public float? Threshold { get; set; }

    /// <summary>
    /// The target false-positive rate, in (0, 1), on held-out normal rows: the threshold is the
    /// (1 - rate) quantile of the validation rows' scores, which the autoencoder did not train on.
    /// Needs a validation fraction above 0.
    /// </summary>
    public float? FalsePositiveRate { get; set; }

    /// <summary>
    /// What the score measures: the mean squared reconstruction error (default), or, for a
    /// <see cref="AutoencoderOptions.Variational"/> autoencoder, the negative ELBO averaged over
    /// <see cref="ElboSamples"/> draws of the code.
    /// </summary>
    public AnomalyScore Score { get; set; } = AnomalyScore.ReconstructionError;

    /// <summary>Draws of the code per row for the negative-ELBO score. Defaults to 10.</summary>
    public int ElboSamples { get; set; } = 10;

    /// <summary>
    /// When set, a vector column of this name holds each feature's squared reconstruction error,
    /// showing which features made a row anomalous. Defaults to null (none).
    /// </summary>
    public string? FeatureContributionsColumnName { get; set; }
}
