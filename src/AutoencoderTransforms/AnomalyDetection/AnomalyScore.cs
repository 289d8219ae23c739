namespace Autoencoders.Trainers;

/// <summary>What an autoencoder anomaly detector's <c>Score</c> measures (higher = more anomalous).</summary>
public enum AnomalyScore
{
    /// <summary>The mean squared reconstruction error of the row.</summary>
    ReconstructionError,
    /// <summary>A variational autoencoder's negative ELBO: reconstruction loss plus the KL divergence of the row's posterior.</summary>
    NegativeElbo,
}
