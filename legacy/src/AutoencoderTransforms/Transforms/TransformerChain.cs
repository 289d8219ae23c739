using System.Collections;
using System.Text.Json.Nodes;

namespace Autoencoders.Data;

/// <summary>
/// Fitted transformers applied one after the other. Disposing the chain disposes them (those it
/// shares with the chain it was made from by <c>ChangeModelThreshold</c> stay that chain's).
/// </summary>
/// <typeparam name="TLastTransformer">The type of the last transformer.</typeparam>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>, IPersistableTransformer, IDisposable
    where TLastTransformer : class, ITransformer
{
    private readonly IReadOnlyList<ITransformer> _transformers;
    private readonly int _firstOwned;

    /// <summary>Chains fitted transformers, as ML.NET's constructor does; the last must be a <typeparamref name="TLastTransformer"/>.</summary>
    /// <exception cref="ArgumentException">There is no transformer, or the last is of another type.</exception>
    public TransformerChain(params ITransformer[] transformers) : this((IReadOnlyList<ITransformer>)transformers)
    {
    }

    /// <param name="transformers">The transformers, in order.</param>
    /// <param name="firstOwned">The first transformer this chain disposes: those before it belong to another chain.</param>
    internal TransformerChain(IReadOnlyList<ITransformer> transformers, int firstOwned = 0)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        if (transformers.Count == 0 || transformers.Any(t => t is null))
        {
            throw new ArgumentException("A chain needs at least one transformer and no null ones.", nameof(transformers));
        }

        _transformers = transformers;
        _firstOwned = firstOwned;
        LastTransformer = transformers[^1] as TLastTransformer
            ?? throw new ArgumentException($"The last transformer is a {transformers[^1].GetType().Name}, not a {typeof(TLastTransformer).Name}.", nameof(transformers));
    }

    /// <summary>The last transformer: the fitted model of a training pipeline.</summary>
    public TLastTransformer LastTransformer { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        _transformers.Aggregate(inputSchema, (schema, transformer) => transformer.GetOutputSchema(schema));

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return _transformers.Aggregate(input, (data, transformer) => transformer.Transform(data));
    }

    /// <inheritdoc />
    public IEnumerator<ITransformer> GetEnumerator() => _transformers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => TransformerChainPersistence.Save(this, context);

    /// <summary>This chain with its last transformer replaced by <paramref name="last"/>, which the new chain owns; the others stay this chain's.</summary>
    internal TransformerChain<TLastTransformer> WithLastTransformer(TLastTransformer last) =>
        new([.. _transformers.Take(_transformers.Count - 1), last], firstOwned: _transformers.Count - 1);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var transformer in _transformers.Skip(_firstOwned).OfType<IDisposable>()) transformer.Dispose();
    }
}
