namespace Autoencoders.Data;

/// <summary>Estimators applied one after the other: each is fitted on the output of those before it.</summary>
/// <typeparam name="TLastTransformer">The transformer the last estimator produces.</typeparam>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IReadOnlyList<IEstimator<ITransformer>> _estimators;
    private readonly IReadOnlyList<bool> _cacheAfter;

    /// <summary>An empty chain to <see cref="Append{TNewTransformer}"/> estimators to, as ML.NET's <c>new EstimatorChain&lt;ITransformer&gt;()</c>.</summary>
    public EstimatorChain() : this([]) { }

    internal EstimatorChain(IReadOnlyList<IEstimator<ITransformer>> estimators, IReadOnlyList<bool>? cacheAfter = null)
    {
        _estimators = estimators;
        _cacheAfter = cacheAfter ?? new bool[estimators.Count];
    }

    /// <summary>The estimators, in order.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    /// <summary>This chain followed by <paramref name="estimator"/>.</summary>
    public EstimatorChain<TNewTransformer> Append<TNewTransformer>(IEstimator<TNewTransformer> estimator)
        where TNewTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTransformer>([.. _estimators, estimator], [.. _cacheAfter, false]);
    }

    /// <summary>
    /// This chain, with the data its last estimator's transformer outputs cached in memory while
    /// the chain is fitted (ML.NET's <c>AppendCacheCheckpoint</c>): the estimators after it, which
    /// may read their input many times (an autoencoder's epochs), read it from memory instead of
    /// recomputing it. Fitted chains do not cache: scoring streams.
    /// </summary>
    /// <param name="context">The context (unused; kept for ML.NET's signature).</param>
    public EstimatorChain<TLastTransformer> AppendCacheCheckpoint(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _estimators.Count == 0 ? this : new EstimatorChain<TLastTransformer>(_estimators, [.. _cacheAfter.Take(_cacheAfter.Count - 1), true]);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        _estimators.Aggregate(inputSchema, (shape, estimator) => estimator.GetOutputSchema(shape));

    /// <summary>Checks the whole chain's schema first, then fits each estimator on the output of the previous transformers.</summary>
    /// <exception cref="InvalidOperationException">The chain is empty.</exception>
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_estimators.Count == 0)
        {
            throw new InvalidOperationException("The chain is empty: Append an estimator before fitting it.");
        }

        GetOutputSchema(SchemaShape.Create(input.Schema));
        var fitted = new List<ITransformer>();
        try
        {
            var data = input;
            for (var i = 0; i < _estimators.Count; i++)
            {
                var transformer = _estimators[i].Fit(data);
                fitted.Add(transformer);
                if (i < _estimators.Count - 1)
                {
                    data = transformer.Transform(data);
                    if (_cacheAfter[i]) data = new CachedDataView(data);
                }
            }

            return new TransformerChain<TLastTransformer>(fitted);
        }
        catch
        {
            foreach (var transformer in fitted.OfType<IDisposable>()) transformer.Dispose();
            throw;
        }
    }
}
