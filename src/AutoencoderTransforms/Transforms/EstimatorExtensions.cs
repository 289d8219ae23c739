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
}
