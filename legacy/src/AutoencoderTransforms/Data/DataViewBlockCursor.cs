namespace Autoencoders;

/// <summary>
/// A forward-only pass over the rows of a view in blocks: each <see cref="MoveNext"/> brings the
/// next <see cref="RowCount"/> rows, and <see cref="GetValues{T}"/> gives one column's values for
/// all of them, row after row (a vector column's rows each take its size). The values stay valid
/// until the next move. Dispose the cursor to release what it holds, also when stopping early.
/// </summary>
public abstract class DataViewBlockCursor : IDisposable
{
    /// <summary>The block size the library's own passes use.</summary>
    public const int DefaultBlockRows = 4096;

    /// <summary>The columns of the view (only the active ones can be read).</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>The index of the block's first row in the cursor's sequence; -1 before the first block.</summary>
    public abstract long Position { get; }

    /// <summary>The number of rows in the current block (at least 1 after a successful move).</summary>
    public abstract int RowCount { get; }

    /// <summary>Whether <paramref name="column"/> was asked for when the cursor was made.</summary>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>Moves to the next block; false when no rows are left.</summary>
    public abstract bool MoveNext();

    /// <summary>The values of <paramref name="column"/> for the block's rows: <see cref="RowCount"/> times the values per row.</summary>
    /// <typeparam name="T">The column's raw type: float (also for vectors), int, bool or string.</typeparam>
    /// <exception cref="InvalidOperationException">The column is not active, <typeparamref name="T"/> is not its raw type, or there is no current block.</exception>
    public abstract ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the cursor holds (file handles, source cursors).</summary>
    protected virtual void Dispose(bool disposing) { }

    /// <summary>Values per row of a column: the vector size, or 1 for a scalar.</summary>
    public static int ValuesPerRow(DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type.ValuesPerRow;
    }
}
