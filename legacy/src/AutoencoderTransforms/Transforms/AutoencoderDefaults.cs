namespace Autoencoders.Transforms;

/// <summary>
/// Default values of the pipeline's autoencoder options that are not training settings (those are
/// in <see cref="Trainers.AutoencoderTrainingDefaults"/>).
/// </summary>
public static class AutoencoderDefaults
{
    /// <summary>The feature column anomaly detection reads.</summary>
    public const string FeatureColumnName = "Features";

    /// <summary>The score column: the anomaly score (higher = more anomalous), a binary classifier's margin, or a multiclass classifier's class probabilities.</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>The decision column: true for an anomaly, the predicted class of a classifier.</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    /// <summary>A binary classifier's probability of the positive class.</summary>
    public const string ProbabilityColumnName = "Probability";

    /// <summary>The label column evaluation reads.</summary>
    public const string LabelColumnName = "Label";

    /// <summary>Rows per optimizer step of the anomaly detector (smaller than the featurizer's: tables are often small).</summary>
    public const int AnomalyBatchSize = 64;

    /// <summary>Share of training rows the default threshold flags as anomalies.</summary>
    public const float Contamination = 0.1f;

    /// <summary>Median absolute deviations above the median at which the automatic threshold lies.</summary>
    public const float AutomaticThresholdDeviations = 2.5f;

    /// <summary>The Gaussian's standard deviation, in pixels, of the smoothed reconstruction error score.</summary>
    public const float ErrorSmoothingSigma = 1f;

    /// <summary>Rows an autoencoder's training draws each epoch's order from when the data cannot be shuffled in place.</summary>
    public const int ShufflePoolSize = 100_000;

    /// <summary>The largest latent width chosen automatically.</summary>
    public const int MaximumAutomaticLatentDimension = 16;

    /// <summary>False positives at which evaluation reports the detection rate.</summary>
    public const int FalsePositiveCount = 10;

    /// <summary>
    /// The latent width used when none is given: a quarter of the input width, at least 1 and at
    /// most <see cref="MaximumAutomaticLatentDimension"/> (784 pixels give 16; 30 features give 7).
    /// </summary>
    public static int LatentDimensionFor(int inputWidth) => Math.Clamp(inputWidth / 4, 1, MaximumAutomaticLatentDimension);
}
