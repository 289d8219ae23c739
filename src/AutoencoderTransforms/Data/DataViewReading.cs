namespace Autoencoders.Data;

/// <summary>The passes the library's consumers make over a view, block by block.</summary>
internal static class DataViewReading
{
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
