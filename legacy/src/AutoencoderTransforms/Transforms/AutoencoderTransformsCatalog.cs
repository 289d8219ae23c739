namespace Autoencoders;

/// <summary>Autoencoder featurizers: the code as features, or the reconstruction.</summary>
public static class AutoencoderTransformsCatalog
{
    /// <summary>Trains an autoencoder on <paramref name="inputColumnName"/> and outputs each row's code.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The code column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDimension">Width of the code; null chooses it from the input width (see <see cref="AutoencoderDefaults.LatentDimensionFor"/>).</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderEmbed(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDimension = null, int epochs = Trainers.AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderEmbed(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>Trains an autoencoder as <paramref name="options"/> say and outputs each row's code.</summary>
    public static AutoencoderEstimator AutoencoderEmbed(this TransformsCatalog catalog, AutoencoderTransformOptions options) =>
        new(catalog.Context, options, AutoencoderTransformer.OutputKind.Embedding);

    /// <summary>Trains an autoencoder on <paramref name="inputColumnName"/> and outputs each row's reconstruction.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The reconstruction column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDimension">Width of the code; null chooses it from the input width.</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDimension = null, int epochs = Trainers.AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderReconstruct(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>Trains an autoencoder as <paramref name="options"/> say and outputs each row's reconstruction.</summary>
    public static AutoencoderEstimator AutoencoderReconstruct(this TransformsCatalog catalog, AutoencoderTransformOptions options) =>
        new(catalog.Context, options, AutoencoderTransformer.OutputKind.Reconstruction);

    /// <summary>
    /// Trains a denoising autoencoder on <paramref name="inputColumnName"/> (each batch corrupted afresh
    /// by <paramref name="noise"/>, the clean rows reconstructed) and outputs each row's cleaned version.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The cleaned column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="noise">The corruption learned to undo. Defaults to salt ("white dots").</param>
    /// <param name="noiseLevel">Its strength: the share of values for salt and masking, the standard deviation for Gaussian. Defaults to 0.3.</param>
    /// <param name="latentDimension">Width of the code; null chooses it from the input width.</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderDenoise(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        Trainers.NoiseKind noise = Trainers.NoiseKind.Salt, float noiseLevel = 0.3f, int? latentDimension = null, int epochs = Trainers.AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderReconstruct(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Noise = noise, NoiseLevel = noiseLevel, LatentDimension = latentDimension, Epochs = epochs,
        });
}
