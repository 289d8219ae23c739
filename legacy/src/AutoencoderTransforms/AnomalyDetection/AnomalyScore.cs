namespace Autoencoders.Trainers;

/// <summary>What an autoencoder anomaly detector's <c>Score</c> measures (higher = more anomalous).</summary>
public enum AnomalyScore
{
    /// <summary>The mean squared reconstruction error of the row.</summary>
    ReconstructionError,
    /// <summary>A variational autoencoder's negative ELBO: reconstruction loss plus the KL divergence of the row's posterior.</summary>
    NegativeElbo,

    /// <summary>
    /// Twice the row's negative log-likelihood under a Gaussian model fitted on the training rows
    /// (constants dropped): the Mahalanobis distance of the row's code from the training codes,
    /// plus each feature's squared reconstruction error divided by that feature's mean squared
    /// error on the training rows. It sees rows that reconstruct well but whose code is unusual,
    /// and it does not let one hard-to-reconstruct feature dominate. The best score on the tabular
    /// suite (bench/tabular); feature contributions are the weighted errors.
    /// </summary>
    NegativeLogLikelihood,

    /// <summary>
    /// For images: the mean squared difference between the image and its reconstruction after both
    /// are smoothed by a Gaussian of <see cref="AutoencoderAnomalyDetectionOptions.ErrorSmoothingSigma"/>
    /// pixels (see <see cref="SmoothedImageDifference"/>; needs
    /// <see cref="AutoencoderTrainingOptions.ImageShape"/>). Pixel-level detail that the model gives
    /// back badly for normal images too drops out, so shapes that are missing, added or misplaced
    /// decide the score. The best score on one-class Fashion-MNIST (samples/AnomalyDetection);
    /// feature contributions are the smoothed squared differences.
    /// </summary>
    SmoothedReconstructionError,
}
