namespace Autoencoders.Transforms;

/// <summary>What an <see cref="AutoencoderTransformer"/> writes for each row.</summary>
public enum AutoencoderOutput
{
    /// <summary>The code (the posterior mean for a variational autoencoder), slots named Code0, Code1, ...: <c>AutoencoderEmbed</c>.</summary>
    Code,

    /// <summary>The row as the autoencoder gives it back (a denoising one gives it cleaned), slots named as the input's: <c>AutoencoderReconstruct</c> and <c>AutoencoderDenoise</c>.</summary>
    Reconstruction,
}
