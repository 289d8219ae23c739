namespace Autoencoders.Transforms;

/// <summary>
/// An estimator with nothing to learn, as ML.NET's: it holds its transformer, and fitting only
/// checks the data's schema against it.
/// </summary>
/// <typeparam name="TTransformer">The transformer it returns.</typeparam>
public abstract class TrivialEstimator<TTransformer> : IEstimator<TTransformer> where TTransformer : class, ITransformer
{
    private protected TrivialEstimator(TTransformer transformer) => Transformer = transformer;

    private protected TTransformer Transformer { get; }

    /// <summary>Checks <paramref name="input"/>'s schema and returns the transformer.</summary>
    /// <exception cref="ArgumentException">The schema lacks a column the transformer reads, or holds it with the wrong type.</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Transformer.GetOutputSchema(input.Schema);
        return Transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, Transformer.GetOutputSchema);
}
