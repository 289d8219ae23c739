namespace Autoencoders.Trainers;

/// <summary>
/// Some rows of a matrix, gathered a chunk at a time as training reads them instead of copied out
/// once: how training holds validation rows out of an in-memory matrix without a second copy of
/// the data. Each chunk is valid until the next one is read.
/// </summary>
internal sealed class SelectedFeatureRows : IFeatureSource
{
    private readonly FeatureMatrix _matrix;
    private readonly int[] _rows;
    private readonly int _chunkRows;
    private readonly long? _shuffleSeed;

    /// <param name="matrix">The rows' source, already checked.</param>
    /// <param name="rows">Which rows of <paramref name="matrix"/>, in the order a pass reads them when not shuffled.</param>
    /// <param name="batchSize">The training batch size: every chunk but the last holds whole batches.</param>
    /// <param name="shuffleSeed">When given, each pass reads the rows in a new order drawn from this seed and the pass.</param>
    public SelectedFeatureRows(FeatureMatrix matrix, int[] rows, int batchSize, long? shuffleSeed)
    {
        (_matrix, _rows, _shuffleSeed) = (matrix, rows, shuffleSeed);
        _chunkRows = IFeatureSource.ChunkRows(batchSize);
    }

    public int Columns => _matrix.Columns;

    public string Name => ((IFeatureSource)_matrix).Name;

    /// <summary>The number of rows.</summary>
    public int Rows => _rows.Length;

    public IEnumerable<FeatureMatrix> ReadChunks(int pass)
    {
        var order = _rows;
        if (_shuffleSeed is { } seed)
        {
            order = (int[])_rows.Clone();
            AutoencoderTrainingOptions.RandomFor(unchecked(seed + pass)).Shuffle(order);
        }

        var buffer = new float[checked(Math.Min(order.Length, _chunkRows) * Columns)];
        for (var start = 0; start < order.Length; start += _chunkRows)
        {
            var count = Math.Min(_chunkRows, order.Length - start);
            for (var i = 0; i < count; i++)
            {
                _matrix.Row(order[start + i]).CopyTo(buffer.AsSpan(i * Columns, Columns));
            }

            yield return new FeatureMatrix(buffer.AsMemory(0, count * Columns), Columns, checkedAllowingMissing: false);
        }
    }
}
