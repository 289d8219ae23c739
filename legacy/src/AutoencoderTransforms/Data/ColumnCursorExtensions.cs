namespace Autoencoders.Data;

/// <summary>Reading one column of a view as a sequence, as ML.NET's <c>GetColumn</c> extension does.</summary>
public static class ColumnCursorExtensions
{
    /// <summary>
    /// The values of <paramref name="columnName"/>, read lazily as the sequence is enumerated (each
    /// enumeration is a new pass). <typeparamref name="T"/> is the column's value type: float, int,
    /// bool, string (or ReadOnlyMemory&lt;char&gt;) for text; float[] or <see cref="VBuffer{T}"/> of
    /// float for vectors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such column.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the column's value type.</exception>
    public static IEnumerable<T> GetColumn<T>(this IDataView data, string columnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema[columnName];
        if (typeof(T) == typeof(float[]) && column.Type is VectorDataViewType vector)
        {
            return (IEnumerable<T>)VectorRows(data, column, vector.Size);
        }

        var readable = column.Type is VectorDataViewType
            ? typeof(T) == typeof(VBuffer<float>)
            : typeof(T) == column.Type.RawType || (column.Type is TextDataViewType && typeof(T) == typeof(ReadOnlyMemory<char>));
        return readable ? Values<T>(data, column) : throw BlocksAsRowsCursor.WrongValueType(column, typeof(T));
    }

    private static IEnumerable<T> Values<T>(IDataView data, DataViewSchema.Column column)
    {
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        while (cursor.MoveNext())
        {
            T value = default!;
            getter(ref value);
            yield return value;
        }
    }

    private static IEnumerable<float[]> VectorRows(IDataView data, DataViewSchema.Column column, int size)
    {
        foreach (var block in DataViewReading.Blocks(data, [column]))
        {
            var values = block.GetValues<float>(column);
            for (var row = 0; row < block.RowCount; row++)
            {
                yield return values.Span.Slice(row * size, size).ToArray();
            }
        }
    }
}
