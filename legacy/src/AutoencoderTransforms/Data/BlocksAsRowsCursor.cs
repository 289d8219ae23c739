namespace Autoencoders.Data;

/// <summary>A row cursor that walks the rows of a block cursor one at a time: how this library's views serve row-wise readers.</summary>
internal sealed class BlocksAsRowsCursor(DataViewBlockCursor blocks) : DataViewRowCursor
{
    private int _rowInBlock = -1;
    private long _position = -1;

    public override long Position => _position;

    public override DataViewSchema Schema => blocks.Schema;

    public override bool IsColumnActive(DataViewSchema.Column column) => blocks.IsColumnActive(column);

    public override bool MoveNext()
    {
        if (_rowInBlock + 1 < blocks.RowCount && _position >= 0)
        {
            _rowInBlock++;
            _position++;
            return true;
        }

        if (!blocks.MoveNext())
        {
            _rowInBlock = blocks.RowCount;
            return false;
        }

        _rowInBlock = 0;
        _position = blocks.Position;
        return true;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!blocks.IsColumnActive(column))
        {
            throw new InvalidOperationException($"Column '{column?.Name}' was not asked for when this cursor was made.");
        }

        Delegate getter = column.Type switch
        {
            VectorDataViewType when typeof(TValue) == typeof(VBuffer<float>) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                value = VBuffer<float>.Copy(Current<float>(column, ((VectorDataViewType)column.Type).Size), value)),
            TextDataViewType when typeof(TValue) == typeof(ReadOnlyMemory<char>) => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) =>
                value = Current<string>(column, 1)[0].AsMemory()),
            not VectorDataViewType when typeof(TValue) == column.Type.RawType => (ValueGetter<TValue>)((ref TValue value) => value = Current<TValue>(column, 1)[0]),
            _ => throw WrongValueType(column, typeof(TValue)),
        };
        return (ValueGetter<TValue>)getter;
    }

    /// <summary>The error for reading <paramref name="column"/> as <paramref name="requested"/>, naming the types that work.</summary>
    public static InvalidOperationException WrongValueType(DataViewSchema.Column column, Type requested) => new(
        $"Column '{column.Name}' is {column.Type}; read it as {(column.Type is VectorDataViewType ? "VBuffer<Single>" : column.Type.RawType.Name)}, not {requested.Name}.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) blocks.Dispose();
    }

    private ReadOnlySpan<T> Current<T>(DataViewSchema.Column column, int width)
    {
        if (_position < 0 || _rowInBlock >= blocks.RowCount)
        {
            throw new InvalidOperationException("The cursor is not on a row: call MoveNext first, and read only while it returns true.");
        }

        return blocks.GetValues<T>(column).Span.Slice(_rowInBlock * width, width);
    }
}
