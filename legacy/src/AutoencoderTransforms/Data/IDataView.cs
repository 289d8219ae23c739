namespace Autoencoders;

/// <summary>
/// Rows of named, typed columns, read through cursors: what loaders produce and transformers
/// consume and produce. Views are lazy and immutable: creating one reads no rows; each cursor
/// makes one pass, reading only the columns it is asked for.
/// </summary>
public interface IDataView
{
    /// <summary>The columns.</summary>
    DataViewSchema Schema { get; }

    /// <summary>Whether a cursor can visit the rows in a random order (when given a <see cref="Random"/>) without caching them first.</summary>
    bool CanShuffle { get; }

    /// <summary>The number of rows, or null when it is not known without a pass over the data (a text file, a database query).</summary>
    long? GetRowCount();

    /// <summary>A cursor over the rows that makes <paramref name="columnsNeeded"/> readable; other columns are not computed.</summary>
    /// <param name="columnsNeeded">Columns of <see cref="Schema"/> the caller will read.</param>
    /// <param name="rand">When given and <see cref="CanShuffle"/>, the rows come in an order drawn from it; otherwise in order.</param>
    /// <exception cref="ArgumentException">A column is not one of this view's.</exception>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    /// <summary>
    /// A cursor over the rows in blocks of up to <paramref name="maxBlockRows"/>: per column, one
    /// contiguous run of values for all the block's rows. The engine reads data this way. Views of
    /// this library produce blocks directly; the default gathers them from <see cref="GetRowCursor"/>.
    /// </summary>
    /// <param name="columnsNeeded">Columns of <see cref="Schema"/> the caller will read.</param>
    /// <param name="maxBlockRows">The most rows in one block (at least 1).</param>
    /// <param name="rand">As for <see cref="GetRowCursor"/>.</param>
    /// <exception cref="ArgumentException">A column is not one of this view's.</exception>
    DataViewBlockCursor GetBlockCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, int maxBlockRows, Random? rand = null) =>
        new RowsAsBlocksCursor(GetRowCursor(columnsNeeded, rand), maxBlockRows);
}
