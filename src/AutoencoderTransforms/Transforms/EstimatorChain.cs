using Autoencoders.Transforms.Data;

namespace Autoencoders.Transforms;

/// <summary>Estimators applied one after the other: each is fitted on the output of those before it.</summary>
/// <typeparam name="TLastTransformer">The transformer the last estimator produces.</typeparam>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IReadOnlyList<IEstimator<ITransformer>> _estimators;

    internal EstimatorChain(IReadOnlyList<IEstimator<ITransformer>> estimators) => _estimators = estimators;

    /// <summary>The estimators, in order.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    /// <summary>This chain followed by <paramref name="estimator"/>.</summary>
    public EstimatorChain<TNewTransformer> Append<TNewTransformer>(IEstimator<TNewTransformer> estimator)
        where TNewTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTransformer>([.. _estimators, estimator]);
    }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        _estimators.Aggregate(inputSchema, (schema, estimator) => estimator.GetOutputSchema(schema));

    /// <summary>Checks the whole chain's schema first, then fits each estimator on the output of the previous transformers.</summary>
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
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
}
