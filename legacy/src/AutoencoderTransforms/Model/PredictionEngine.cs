namespace Autoencoders;

/// <summary>
/// Runs a fitted transformer on one example at a time. Not thread-safe: create one engine per
/// thread; the transformer it wraps may be shared between engines. Disposing the engine releases
/// what it holds, not the transformer.
/// </summary>
/// <typeparam name="TSrc">The input row class; its members name the input columns.</typeparam>
/// <typeparam name="TDst">The output row class; its members read the output columns they name.</typeparam>
public sealed class PredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly MLContext _context;
    private readonly TSrc[] _example = new TSrc[1];
    private IDataView? _output;
    private readonly bool _ignoreMissingColumns;
    private EnumerableDataConverter.ObjectReader? _reader;
    private bool _disposed;

    internal PredictionEngine(MLContext context, ITransformer transformer, bool ignoreMissingColumns)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        _context = context;
        _ignoreMissingColumns = ignoreMissingColumns;
        Transformer = transformer;
    }

    /// <summary>The transformer this engine runs.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The prediction for <paramref name="example"/>.</summary>
    /// <exception cref="ArgumentException">The example does not fit the transformer's input, or has invalid values.</exception>
    public TDst Predict(TSrc example)
    {
        var prediction = new TDst();
        Predict(example, ref prediction);
        return prediction;
    }

    /// <summary>Fills <paramref name="prediction"/> (created when null) with the prediction for <paramref name="example"/>, as ML.NET's overload does to save allocations.</summary>
    /// <exception cref="ArgumentException">The example does not fit the transformer's input, or has invalid values.</exception>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(example);
        _example[0] = example;
        if (_output is null)
        {
            // Built once, from the first example (which gives vector sizes no [VectorType] declares):
            // the transformed view reads whatever example the array holds when a cursor runs.
            var output = Transformer.Transform(_context.Data.LoadFromEnumerable(_example));
            _reader = new EnumerableDataConverter.ObjectReader(typeof(TDst), output.Schema, _ignoreMissingColumns);
            _output = output;
        }

        using var cursor = _output.GetBlockCursor(_reader!.Columns, maxBlockRows: 1);
        cursor.MoveNext();
        prediction ??= new TDst();
        _reader.Fill(prediction, cursor, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_output, _reader, _disposed) = (null, null, true);
        _example[0] = null!;
    }
}
