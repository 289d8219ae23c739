namespace Autoencoders.Transforms.Data;

/// <summary>A block cursor that gathers the rows of a row cursor: how views implemented outside this library feed the engine.</summary>
internal sealed class RowsAsBlocksCursor : DataViewBlockCursor
{
    private readonly DataViewRowCursor _rows;
    private readonly int _maxBlockRows;
    private readonly ColumnBuffer?[] _buffers;
    private long _position = -1;
    private int _rowCount;
    private bool _done;

    public RowsAsBlocksCursor(DataViewRowCursor rows, int maxBlockRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockRows, 1);
        _rows = rows;
        _maxBlockRows = maxBlockRows;
        _buffers = rows.Schema.Select(column => rows.IsColumnActive(column) ? ColumnBuffer.For(rows, column, maxBlockRows) : null).ToArray();
    }

    public override DataViewSchema Schema => _rows.Schema;

    public override long Position => _position;

    public override int RowCount => _rowCount;

    public override bool IsColumnActive(DataViewSchema.Column column) => _rows.IsColumnActive(column);

    public override bool MoveNext()
    {
        _position = _position < 0 ? 0 : _position + _rowCount;
        _rowCount = 0;
        while (!_done && _rowCount < _maxBlockRows)
        {
            if (!_rows.MoveNext())
            {
                _done = true;
                break;
            }

            foreach (var buffer in _buffers)
            {
                buffer?.Read(_rowCount);
            }

            _rowCount++;
        }

        return _rowCount > 0;
    }

    public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column) || _buffers[column.Index] is not ColumnBuffer<T> buffer)
        {
            throw new InvalidOperationException($"Column '{column?.Name}' was not asked for, or is not {typeof(T).Name}.");
        }

        return buffer.Values.AsMemory(0, _rowCount * buffer.Width);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rows.Dispose();
    }

    private abstract class ColumnBuffer
    {
        public abstract void Read(int rowInBlock);

        public static ColumnBuffer For(DataViewRow row, DataViewSchema.Column column, int rows) => column.Type switch
        {
            VectorDataViewType vector => new VectorBuffer(row.GetGetter<VBuffer<float>>(column), vector.Size, rows, column.Name),
            _ when column.Type.RawType == typeof(float) => new ScalarBuffer<float>(row.GetGetter<float>(column), rows),
            _ when column.Type.RawType == typeof(int) => new ScalarBuffer<int>(row.GetGetter<int>(column), rows),
            _ when column.Type.RawType == typeof(bool) => new ScalarBuffer<bool>(row.GetGetter<bool>(column), rows),
            _ => new ScalarBuffer<string>(row.GetGetter<string>(column), rows),
        };
    }

    private abstract class ColumnBuffer<T>(int width, int rows) : ColumnBuffer
    {
        public int Width { get; } = width;

        public T[] Values { get; } = new T[checked(width * rows)];
    }

    private sealed class ScalarBuffer<T>(ValueGetter<T> getter, int rows) : ColumnBuffer<T>(1, rows)
    {
        public override void Read(int rowInBlock) => getter(ref Values[rowInBlock]);
    }

    private sealed class VectorBuffer(ValueGetter<VBuffer<float>> getter, int width, int rows, string name) : ColumnBuffer<float>(width, rows)
    {
        private VBuffer<float> _value;

        public override void Read(int rowInBlock)
        {
            getter(ref _value);
            if (_value.Length != Width)
            {
                throw new InvalidDataException($"A row of column '{name}' has {_value.Length} values but the column holds {Width}.");
            }

            _value.CopyTo(Values.AsSpan(rowInBlock * Width, Width));
        }
    }
}
