namespace Autoencoders.Data;

/// <summary>The rows of several views with the same columns, one view after the other, read lazily.</summary>
internal sealed class ConcatenatedDataView : BlockDataView
{
    private readonly IReadOnlyList<IDataView> _parts;

    public ConcatenatedDataView(IReadOnlyList<IDataView> parts)
    {
        if (parts.Count == 0 || parts.Any(part => !part.Schema.HasSameColumns(parts[0].Schema)))
        {
            throw new ArgumentException("Concatenated views need at least one view, all with the same columns.", nameof(parts));
        }

        _parts = parts;
    }

    public override DataViewSchema Schema => _parts[0].Schema;

    public override bool CanShuffle => false;

    public override long? GetRowCount() =>
        _parts.Aggregate((long?)0, (total, part) => total is { } sum && part.GetRowCount() is { } rows ? sum + rows : null);

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        return new Cursor(this, active, maxBlockRows);
    }

    private sealed class Cursor(ConcatenatedDataView view, ActiveColumns active, int maxBlockRows) : ActiveBlockCursor(active)
    {
        private int _part = -1;
        private DataViewBlockCursor? _current;

        public override bool MoveNext()
        {
            StartNextBlock();
            while (_current is null || !_current.MoveNext())
            {
                _current?.Dispose();
                _current = null;
                if (++_part >= view._parts.Count) return false;
                var part = view._parts[_part];
                _current = part.GetBlockCursor(Active.Columns.Select(column => part.Schema[column.Index]).ToArray(), maxBlockRows);
            }

            CurrentRows = _current.RowCount;
            return true;
        }

        public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
        {
            Active.RequireReadable<T>(column);
            return _current?.GetValues<T>(_current.Schema[column.Index]) ?? throw NotOnABlock();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _current?.Dispose();
        }
    }
}
