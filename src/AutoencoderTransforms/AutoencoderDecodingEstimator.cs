using Autoencoders.Trainers;
using Microsoft.ML;

namespace Autoencoders.Transforms;

/// <summary>
/// Makes an <see cref="AutoencoderDecodingTransformer"/> from an already trained autoencoder; it
/// learns nothing from the data (made by <c>mlContext.Transforms.AutoencoderDecode</c>).
/// </summary>
public sealed class AutoencoderDecodingEstimator : IEstimator<AutoencoderDecodingTransformer>
{
    private readonly AutoencoderModel _model;
    private readonly string _outputColumnName;
    private readonly string _codeColumnName;

    internal AutoencoderDecodingEstimator(AutoencoderModel model, string outputColumnName, string codeColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(outputColumnName) || string.IsNullOrWhiteSpace(codeColumnName))
        {
            throw new ArgumentException("The output and code columns need names.");
        }

        (_model, _outputColumnName, _codeColumnName) = (model, outputColumnName, codeColumnName);
    }

    /// <summary>A decoder over its own copy of the autoencoder (the one given stays the caller's).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code column is missing, not a Single vector, or not of the code's width.</exception>
    public AutoencoderDecodingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        FeatureColumn.RequireWidth(input.Schema, _codeColumnName, _model.LatentWidth);
        return new AutoencoderDecodingTransformer(_model.Clone(), _codeColumnName, _outputColumnName);
    }

    /// <summary>The input schema with the decoded column added (a Single vector of known size).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code column is missing or not a Single vector of known size.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        FeatureColumn.Require(inputSchema, _codeColumnName);
        return SchemaShapes.Vector(inputSchema, _outputColumnName, _codeColumnName);
    }
}
