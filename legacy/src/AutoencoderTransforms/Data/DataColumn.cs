namespace Autoencoders.Data;

/// <summary>The values of one column held in memory, row after row in one contiguous array.</summary>
internal abstract class DataColumn
{
    private protected DataColumn(DataViewType type, int rowCount)
    {
        Type = type;
        RowCount = rowCount;
    }

    /// <summary>The type of the values.</summary>
    public DataViewType Type { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Values per row: the vector size, or 1 for scalars.</summary>
    public int ValuesPerRow => Type.ValuesPerRow;

    /// <summary>A column of the given rows, in the given order.</summary>
    public abstract DataColumn SelectRows(ReadOnlySpan<int> rows);
}

/// <summary>A column of <typeparamref name="T"/> values in memory.</summary>
/// <typeparam name="T">float, int, bool or string.</typeparam>
internal sealed class DataColumn<T> : DataColumn
{
    public DataColumn(DataViewType type, T[] values) : base(type, values.Length / Math.Max(1, type.ValuesPerRow))
    {
        if (type.RawType != typeof(T))
        {
            throw new ArgumentException($"A {type} column cannot hold {typeof(T).Name} values.", nameof(values));
        }

        if (values.Length != RowCount * ValuesPerRow)
        {
            throw new ArgumentException($"{values.Length} values are not a whole number of rows of {ValuesPerRow}.", nameof(values));
        }

        Array = values;
    }

    /// <summary>All values, row after row.</summary>
    public T[] Array { get; }

    /// <summary>The values of <paramref name="count"/> rows from <paramref name="firstRow"/>, not copied.</summary>
    public ReadOnlyMemory<T> Rows(int firstRow, int count) => Array.AsMemory(firstRow * ValuesPerRow, count * ValuesPerRow);

    public override DataColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var width = ValuesPerRow;
        var selected = new T[checked(rows.Length * width)];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.AsSpan(rows[i] * width, width).CopyTo(selected.AsSpan(i * width, width));
        }

        return new DataColumn<T>(Type, selected);
    }
}
