namespace Autoencoders.Transforms.Data;

/// <summary>The values of one column of a data view.</summary>
public abstract class DataColumn
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
    public int ValuesPerRow => Type is VectorDataViewType vector ? vector.Size : 1;

    internal abstract DataColumn SelectRows(IReadOnlyList<int> rows);
}

/// <summary>The values of one column, row after row in one contiguous block.</summary>
/// <typeparam name="T">float, int, bool or string.</typeparam>
public sealed class DataColumn<T> : DataColumn
{
    private readonly T[] _values;

    internal DataColumn(DataViewType type, T[] values) : base(type, values.Length / Math.Max(1, (type as VectorDataViewType)?.Size ?? 1))
    {
        if (type.RawType != typeof(T))
        {
            throw new ArgumentException($"A {type} column cannot hold {typeof(T).Name} values.", nameof(values));
        }

        if (values.Length != RowCount * ValuesPerRow)
        {
            throw new ArgumentException($"{values.Length} values are not a whole number of rows of {ValuesPerRow}.", nameof(values));
        }

        _values = values;
    }

    /// <summary>All values, row after row.</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>The values of row <paramref name="row"/> (one value for scalar columns).</summary>
    public ReadOnlySpan<T> GetRow(int row) => _values.AsSpan(checked(row * ValuesPerRow), ValuesPerRow);

    internal T[] Array => _values;

    internal override DataColumn SelectRows(IReadOnlyList<int> rows)
    {
        var width = ValuesPerRow;
        var selected = new T[checked(rows.Count * width)];
        for (var i = 0; i < rows.Count; i++)
        {
            GetRow(rows[i]).CopyTo(selected.AsSpan(i * width, width));
        }

        return new DataColumn<T>(Type, selected);
    }
}
