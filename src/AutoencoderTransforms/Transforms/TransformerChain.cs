using System.Collections;
using System.Text.Json.Nodes;
using Autoencoders.Transforms.Data;

namespace Autoencoders.Transforms;

/// <summary>Fitted transformers applied one after the other. Disposing the chain disposes them.</summary>
/// <typeparam name="TLastTransformer">The type of the last transformer.</typeparam>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>, IPersistableTransformer, IDisposable
    where TLastTransformer : class, ITransformer
{
    private readonly IReadOnlyList<ITransformer> _transformers;

    internal TransformerChain(IReadOnlyList<ITransformer> transformers)
    {
        _transformers = transformers;
        LastTransformer = transformers.Count == 0 ? null! : (TLastTransformer)transformers[^1];
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

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var transformer in _transformers.OfType<IDisposable>()) transformer.Dispose();
    }
}
