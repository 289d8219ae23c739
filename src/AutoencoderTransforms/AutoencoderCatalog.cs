using Autoencoders.Transforms;

namespace Microsoft.ML;

/// <summary>The autoencoder components on ML.NET's catalogs: <c>using Microsoft.ML;</c> is all a program needs.</summary>
public static class AutoencoderCatalog
{
    /// <summary>
    /// Fits an autoencoder on <paramref name="inputColumnName"/> (a vector of Single of known size,
    /// best scaled to [0, 1], e.g. by NormalizeMinMax) and writes each row's code to
    /// <paramref name="outputColumnName"/>, a vector of <paramref name="latentDimension"/> Singles, so
    /// a trainer behind it learns from the code. Seeds follow the context's unless set in the options.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The code column.</param>
    /// <param name="inputColumnName">The column encoded; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDimension">Values in the code.</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEmbeddingEstimator AutoencoderEmbed(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int latentDimension = 16, int epochs = 20) =>
        catalog.AutoencoderEmbed(new AutoencoderEmbeddingOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>Fits an autoencoder with every option given, and writes each row's code as a new column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The columns, the autoencoder's shape and its training.</param>
    public static AutoencoderEmbeddingEstimator AutoencoderEmbed(this TransformsCatalog catalog, AutoencoderEmbeddingOptions options) =>
        new(Autoencoders.Transforms.CatalogEnvironment.Of(catalog), options);
}
