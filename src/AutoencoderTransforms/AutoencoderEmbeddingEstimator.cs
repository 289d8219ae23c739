using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>
/// Fits an autoencoder on a column of Single vectors and yields an
/// <see cref="AutoencoderEmbeddingTransformer"/> writing each row's code as a new column, so a
/// trainer behind it learns from the code (made by <c>mlContext.Transforms.AutoencoderEmbed</c>).
/// </summary>
public sealed class AutoencoderEmbeddingEstimator : IEstimator<AutoencoderEmbeddingTransformer>
{
    private readonly IHost _host;
    private readonly AutoencoderEmbeddingOptions _options;

    internal AutoencoderEmbeddingEstimator(IHostEnvironment environment, AutoencoderEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputColumnName))
        {
            throw new ArgumentException("The output column needs a name.", nameof(options));
        }

        if (options.LatentDimension is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LatentDimension, $"{nameof(options.LatentDimension)} must be at least 1.");
        }

        _host = environment.Register(nameof(AutoencoderEmbeddingEstimator));
        _options = options.Copy();
    }

    /// <summary>Trains the autoencoder on every row of the input column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a Single vector of known size.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the row and slot), or there are no rows.</exception>
    public AutoencoderEmbeddingTransformer Fit(IDataView input)
    {
        var column = _options.EffectiveInputColumnName;
        var fitted = AutoencoderFitting.Fit(_host, _options, input, column);
        return new AutoencoderEmbeddingTransformer(fitted.Model, column, _options.OutputColumnName, fitted.History);
    }

    /// <summary>The input schema with the code column added (a Single vector of known size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a Single vector of known size.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = _options.EffectiveInputColumnName;
        FeatureColumn.Require(inputSchema, column);
        return SchemaShapes.Vector(inputSchema, _options.OutputColumnName, column);
    }
}
