namespace Autoencoders.Data;

/// <summary>The passes the library's consumers make over a view, block by block.</summary>
internal static class DataViewReading
{
    /// <summary>Value <paramref name="index"/> of <paramref name="column"/> in the cursor's block, boxed (an item, for vectors).</summary>
    public static object Value(DataViewBlockCursor block, DataViewSchema.Column column, int index)
    {
        var raw = column.Type.RawType;
        return raw == typeof(float) ? block.GetValues<float>(column).Span[index]
            : raw == typeof(int) ? block.GetValues<int>(column).Span[index]
            : raw == typeof(uint) ? block.GetValues<uint>(column).Span[index]
            : raw == typeof(bool) ? block.GetValues<bool>(column).Span[index]
            : raw == typeof(MLImage) ? block.GetValues<MLImage>(column).Span[index]
            : block.GetValues<string>(column).Span[index];
    }

    /// <summary>
    /// The blocks of a pass over <paramref name="columns"/>: the same cursor, moved on, each time.
    /// The cursor is disposed when the enumeration ends, also early.
    /// </summary>
    public static IEnumerable<DataViewBlockCursor> Blocks(IDataView data, IEnumerable<DataViewSchema.Column> columns,
        int maxBlockRows = DataViewBlockCursor.DefaultBlockRows)
    {
        using var cursor = data.GetBlockCursor(columns, maxBlockRows);
        while (cursor.MoveNext())
        {
            yield return cursor;
        }
    }
}
