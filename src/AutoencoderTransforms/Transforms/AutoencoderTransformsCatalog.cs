namespace Autoencoders.Transforms;

/// <summary>Autoencoder featurizers: the code as features, or the reconstruction.</summary>
public static class AutoencoderTransformsCatalog
{
    /// <summary>Trains an autoencoder on <paramref name="inputColumnName"/> and outputs each row's code.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The code column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDim">Width of the code; null chooses it from the input width (see <see cref="AutoencoderDefaults.LatentDimensionFor"/>).</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderEmbed(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDim = null, int epochs = Trainers.AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderEmbed(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDim, Epochs = epochs,
        });

    /// <summary>Trains an autoencoder as <paramref name="options"/> say and outputs each row's code.</summary>
    public static AutoencoderEstimator AutoencoderEmbed(this TransformsCatalog catalog, AutoencoderTransformOptions options) =>
        new(catalog.Context, options, AutoencoderTransformer.OutputKind.Embedding);

    /// <summary>Trains an autoencoder on <paramref name="inputColumnName"/> and outputs each row's reconstruction.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The reconstruction column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDim">Width of the code; null chooses it from the input width.</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDim = null, int epochs = Trainers.AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderReconstruct(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDim, Epochs = epochs,
        });

    /// <summary>Trains an autoencoder as <paramref name="options"/> say and outputs each row's reconstruction.</summary>
    public static AutoencoderEstimator AutoencoderReconstruct(this TransformsCatalog catalog, AutoencoderTransformOptions options) =>
        new(catalog.Context, options, AutoencoderTransformer.OutputKind.Reconstruction);
}
