namespace Autoencoders.Transforms.Data;

/// <summary>
/// A sequence of row objects seen as a view, without copying it: every cursor enumerates the
/// sequence again and reads the members its columns need.
/// </summary>
/// <typeparam name="TRow">The row class; its public fields and properties are the columns.</typeparam>
internal sealed class EnumerableDataView<TRow> : IDataView where TRow : class
{
    private readonly IEnumerable<TRow> _rows;
    private readonly EnumerableDataConverter.ObjectWriter _writer;

    public EnumerableDataView(IEnumerable<TRow> rows)
    {
        _rows = rows;
        var needsFirstRow = RowTypeMembers.Of(typeof(TRow)).Members.Any(member => member.ValueType == typeof(float[]) && member.VectorSize is null);
        _writer = new EnumerableDataConverter.ObjectWriter(typeof(TRow), needsFirstRow ? rows.FirstOrDefault() : null);
        Schema = new DataViewSchema(_writer.Columns);
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _rows switch
    {
        ICollection<TRow> collection => collection.Count,
        IReadOnlyCollection<TRow> collection => collection.Count,
        _ => null,
    };

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new BlocksAsRowsCursor(GetBlockCursor(columnsNeeded, DataViewBlockCursor.DefaultBlockRows, rand));

    public DataViewBlockCursor GetBlockCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, int maxBlockRows, Random? rand = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockRows, 1);
        return new Cursor(this, new ActiveColumns(Schema, columnsNeeded), maxBlockRows);
    }

    private sealed class Cursor(EnumerableDataView<TRow> view, ActiveColumns active, int maxBlockRows) : DataViewBlockCursor
    {
        private readonly IEnumerator<TRow> _rows = view._rows.GetEnumerator();
        private Array?[] _columns = [];
        private long _position = -1;
        private int _rowCount;
        private bool _done;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override int RowCount => _rowCount;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.IsActive(column);

        public override bool MoveNext()
        {
            _position = _position < 0 ? 0 : _position + _rowCount;
            _rowCount = 0;
            if (_done)
            {
                return false;
            }

            var capacity = view.GetRowCount() is { } count ? (int)Math.Clamp(count - _position, 1, maxBlockRows) : maxBlockRows;
            _columns = view._writer.Allocate(capacity, index => active[index]);
            while (_rowCount < capacity && _rows.MoveNext())
            {
                view._writer.Write(_rows.Current, _position + _rowCount, _rowCount, _columns);
                _rowCount++;
            }

            _done = _rowCount < capacity;
            return _rowCount > 0;
        }

        public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
        {
            active.RequireReadable<T>(column);
            if (_rowCount == 0)
            {
                throw new InvalidOperationException("The cursor is not on a block: call MoveNext first, and read only while it returns true.");
            }

            return ((T[])_columns[column.Index]!).AsMemory(0, _rowCount * DataViewBlockCursor.ValuesPerRow(column));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _rows.Dispose();
        }
    }
}
