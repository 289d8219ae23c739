namespace Autoencoders;

/// <summary>
/// Runs a fitted transformer on one example at a time. Not thread-safe: create one engine per
/// thread; the transformer it wraps may be shared between engines.
/// </summary>
/// <typeparam name="TSrc">The input row class; its members name the input columns.</typeparam>
/// <typeparam name="TDst">The output row class; its members read the output columns they name.</typeparam>
public sealed class PredictionEngine<TSrc, TDst>
    where TSrc : class
    where TDst : class, new()
{
    private readonly MLContext _context;
    private readonly TSrc[] _example = new TSrc[1];
    private IDataView? _output;
    private EnumerableDataConverter.ObjectReader? _reader;

    internal PredictionEngine(MLContext context, ITransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        _context = context;
        Transformer = transformer;
    }

    /// <summary>The transformer this engine runs.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The prediction for <paramref name="example"/>.</summary>
    /// <exception cref="ArgumentException">The example does not fit the transformer's input, or has invalid values.</exception>
    public TDst Predict(TSrc example)
    {
        ArgumentNullException.ThrowIfNull(example);
        _example[0] = example;
        if (_output is null)
        {
            // Built once, from the first example (which gives vector sizes no [VectorType] declares):
            // the transformed view reads whatever example the array holds when a cursor runs.
            var output = Transformer.Transform(_context.Data.LoadFromEnumerable(_example));
            _reader = new EnumerableDataConverter.ObjectReader(typeof(TDst), output.Schema, ignoreMissingColumns: false);
            _output = output;
        }

        using var cursor = _output.GetBlockCursor(_reader!.Columns, maxBlockRows: 1);
        cursor.MoveNext();
        var prediction = new TDst();
        _reader.Fill(prediction, cursor, 0);
        return prediction;
    }
}
