namespace Autoencoders.Data;

/// <summary>
/// The rows of a source view in a seeded random order. A source that can shuffle itself is asked
/// to; any other is streamed through a pool: the pool is filled with the first rows, and each row
/// handed out is one drawn at random from the pool, replaced by the next source row. A row can
/// thus move at most about a pool's length earlier, and memory holds only the pool.
/// </summary>
internal sealed class ShuffledDataView(IDataView source, int seed, int poolRows) : BlockDataView
{
    public override DataViewSchema Schema => source.Schema;

    public override bool CanShuffle => source.CanShuffle;

    public override long? GetRowCount() => source.GetRowCount();

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        var random = rand ?? new Random(seed);
        return source.CanShuffle
            ? source.GetBlockCursor(active.Columns, maxBlockRows, random)
            : new PoolCursor(active, source.GetBlockCursor(active.Columns, maxBlockRows), maxBlockRows, poolRows, random);
    }

    private sealed class PoolCursor(ActiveColumns active, DataViewBlockCursor source, int maxBlockRows, int poolRows, Random random)
        : BufferedBlockCursor(new BlockBuffer(active, maxBlockRows))
    {
        private readonly BlockBuffer _pool = new(active, poolRows);
        private int _nextSourceRow;
        private bool _sourceDone;

        protected override void Fill()
        {
            while (!Buffer.IsFull)
            {
                if (!_sourceDone && _nextSourceRow >= source.RowCount)
                {
                    _sourceDone = !source.MoveNext();
                    _nextSourceRow = 0;
                    continue;
                }

                if (!_sourceDone && !_pool.IsFull)
                {
                    _pool.Append(source, _nextSourceRow++);
                    continue;
                }

                if (_pool.Count == 0)
                {
                    break;
                }

                var drawn = random.Next(_pool.Count);
                Buffer.AppendFrom(_pool, drawn);
                if (!_sourceDone)
                {
                    _pool.CopyRow(source, _nextSourceRow++, drawn);
                }
                else
                {
                    _pool.MoveRow(--_pool.Count, drawn);
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
        }
    }
}
