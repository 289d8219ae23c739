namespace Autoencoders.Trainers;

/// <summary>
/// How training corrupts each batch's input (afresh every batch) before reconstructing the clean
/// input: a denoising autoencoder.
/// </summary>
public enum NoiseKind
{
    /// <summary>No corruption: a plain autoencoder.</summary>
    None,
    /// <summary>Adds Gaussian noise whose standard deviation is the noise level.</summary>
    Gaussian,
    /// <summary>"White dots": sets a share of values, the noise level, to 1.</summary>
    Salt,
    /// <summary>
    /// Sets a share of values, the noise level, to 0 and scales the rest by 1 / (1 - level), like
    /// inverted dropout, so the expected input (and so the clean inputs seen at inference) is unchanged.
    /// </summary>
    Masking,
    /// <summary>
    /// Turns each image by a random multiple of 90 degrees (a quarter stay upright), the loss
    /// comparing the output with the upright image: the autoencoder learns to restore the normal
    /// orientation, which makes it attend to the shape of normal data (rotation-restoration training,
    /// as in ARNet). Needs <see cref="AutoencoderTrainingOptions.ImageShape"/> with square images; no
    /// noise level.
    /// </summary>
    Rotation,
}
