namespace Autoencoders;

/// <summary>Starts estimator chains, as in ML.NET: <c>estimator.Append(next)</c>.</summary>
public static class EstimatorExtensions
{
    /// <summary>A chain of <paramref name="start"/> followed by <paramref name="estimator"/>.</summary>
    public static EstimatorChain<TNewTransformer> Append<TNewTransformer>(this IEstimator<ITransformer> start, IEstimator<TNewTransformer> estimator)
        where TNewTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTransformer>([start, estimator]);
    }

    /// <summary>A chain of <paramref name="start"/> whose output is cached in memory while the chain is fitted (see <see cref="EstimatorChain{T}.AppendCacheCheckpoint"/>).</summary>
    public static EstimatorChain<TTransformer> AppendCacheCheckpoint<TTransformer>(this IEstimator<TTransformer> start, MLContext context)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(context);
        return new EstimatorChain<TTransformer>([(IEstimator<ITransformer>)start], [true]);
    }

    /// <summary>
    /// The exact schema the fitted transformer of <paramref name="estimator"/> will produce from
    /// <paramref name="inputSchema"/> (vector sizes, key counts and annotations included), checked
    /// without reading data. Ours: ML.NET's estimators only promise a <see cref="SchemaShape"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type or size; the message names it.</exception>
    public static DataViewSchema GetOutputSchema(this IEstimator<ITransformer> estimator, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.GetOutputSchema(SchemaShape.Create(inputSchema)).ToSchema();
    }
}
