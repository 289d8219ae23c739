namespace Autoencoders.Transforms;

/// <summary>
/// Trains an autoencoder on a feature column without labels and produces an
/// <see cref="AutoencoderTransformer"/> that outputs the code (<c>AutoencoderEmbed</c>) or the
/// reconstruction (<c>AutoencoderReconstruct</c>).
/// </summary>
public sealed class AutoencoderEstimator : IEstimator<AutoencoderTransformer>
{
    private readonly AutoencoderTransformOptions _options;
    private readonly int _seed;

    internal AutoencoderEstimator(MLContext context, AutoencoderTransformOptions options, AutoencoderTransformer.OutputKind output)
    {
        ArgumentNullException.ThrowIfNull(options);
        SchemaRequirements.RequireName(options.OutputColumnName, nameof(options.OutputColumnName));
        _options = options;
        InputColumnName = SchemaRequirements.RequireName(options.InputColumnName ?? options.OutputColumnName, nameof(options.InputColumnName));
        Output = output;
        _seed = options.Seed ?? context.NextSeed();
    }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Whether the fitted transformer outputs the code or the reconstruction.</summary>
    public AutoencoderTransformer.OutputKind Output { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        var spec = AutoencoderFitting.Spec(_options, inputSchema, InputColumnName);
        var width = Output == AutoencoderTransformer.OutputKind.Embedding ? spec.LatentWidth : spec.InputWidth;
        return inputSchema.With((_options.OutputColumnName, new VectorDataViewType(width)));
    }

    /// <inheritdoc />
    public AutoencoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fitted = AutoencoderFitting.Fit(_options, input, InputColumnName, _seed);
        return new AutoencoderTransformer(_options.OutputColumnName, InputColumnName, Output, fitted.Model, fitted.Result.History);
    }
}
