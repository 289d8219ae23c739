using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>
/// Fits an autoencoder on a column of Single vectors and yields an <see cref="AutoencoderTransformer"/>
/// writing each row's code or reconstruction as a new column (made by <c>mlContext.Transforms.AutoencoderEmbed</c>,
/// <c>AutoencoderReconstruct</c> and <c>AutoencoderDenoise</c>).
/// </summary>
public sealed class AutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly IHost _host;
    private readonly AutoencoderTransformOptions _options;
    private readonly AutoencoderOutput _output;

    internal AutoencoderEstimator(IHostEnvironment environment, AutoencoderTransformOptions options, AutoencoderOutput output)
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

        _host = environment.Register(nameof(AutoencoderEstimator));
        _options = options.Copy();
        _output = output;
    }

    /// <summary>Trains the autoencoder on every row of the input column (less the validation share).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a Single vector of known size.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the row and slot), or there are no rows.</exception>
    public AutoencoderTransformer Fit(IDataView input)
    {
        var column = _options.EffectiveInputColumnName;
        var fitted = AutoencoderFitting.Fit(_host, _options, input, column);
        return new AutoencoderTransformer(fitted.Model, column, _options.OutputColumnName, _output, fitted.History);
    }

    /// <summary>The input schema with the output column added (a Single vector of known size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a Single vector of known size.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = _options.EffectiveInputColumnName;
        FeatureColumn.Require(inputSchema, column);
        return SchemaShapes.Vector(inputSchema, _options.OutputColumnName, column);
    }
}
