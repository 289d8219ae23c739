namespace Autoencoders.Transforms.Data;

/// <summary>The passes the library's consumers make over a view: block by block, or a whole column into memory.</summary>
internal static class DataViewReading
{
    /// <summary>
    /// The blocks of a pass over <paramref name="columns"/>: the same cursor, moved on, each time.
    /// The cursor is disposed when the enumeration ends, also early.
    /// </summary>
    public static IEnumerable<DataViewBlockCursor> Blocks(IDataView data, IEnumerable<DataViewSchema.Column> columns,
        int maxBlockRows = DataViewBlockCursor.DefaultBlockRows, Random? rand = null)
    {
        using var cursor = data.GetBlockCursor(columns, maxBlockRows, rand);
        while (cursor.MoveNext())
        {
            yield return cursor;
        }
    }

    /// <summary>Every value of <paramref name="column"/>, row after row, in one array.</summary>
    public static T[] ReadColumn<T>(IDataView data, DataViewSchema.Column column)
    {
        var values = new List<T>(data.GetRowCount() is { } rows and <= int.MaxValue ? (int)Math.Min(rows * DataViewBlockCursor.ValuesPerRow(column), Array.MaxLength) : 0);
        foreach (var block in Blocks(data, [column]))
        {
            values.AddRange(block.GetValues<T>(column).Span);
        }

        return values.ToArray();
    }
}
