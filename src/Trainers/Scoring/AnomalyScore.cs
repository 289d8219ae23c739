namespace Autoencoders.Trainers;

/// <summary>What an autoencoder anomaly detector's score measures (higher = more anomalous).</summary>
public enum AnomalyScore
{
    /// <summary>The row's mean squared reconstruction error; a feature's contribution is its squared error.</summary>
    ReconstructionError,

    /// <summary>
    /// Twice the row's negative log-likelihood under a Gaussian model fitted on the training rows
    /// (constants dropped): the Mahalanobis distance of the row's code from the training codes, plus
    /// each feature's squared reconstruction error over that feature's mean squared error on the
    /// training rows, fitted again on the most typical of them so that the anomalies among them do
    /// not shape it (see <see cref="CodeAndErrorLikelihood"/>). It sees rows that reconstruct well
    /// but whose code is unusual, and no single hard-to-reconstruct feature dominates it; a
    /// feature's contribution is its weighted squared error.
    /// </summary>
    NegativeLogLikelihood,

    /// <summary>
    /// For images: the mean squared difference between the image and its reconstruction after the
    /// difference is smoothed by a Gaussian (see <see cref="ErrorSmoothing"/>), so that shapes that
    /// are missing, added or misplaced decide the score rather than pixel-level detail; a feature's
    /// contribution is its smoothed squared difference (an anomaly map). The best score on one-class
    /// Fashion-MNIST on the first engine.
    /// </summary>
    SmoothedReconstructionError,
}
