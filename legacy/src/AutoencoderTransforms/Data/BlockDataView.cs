namespace Autoencoders.Data;

/// <summary>
/// A view of this library: its cursors are block cursors, and row cursors walk their blocks. It
/// checks the block size and the asked-for columns once, for every kind of view.
/// </summary>
internal abstract class BlockDataView : IDataView
{
    public abstract DataViewSchema Schema { get; }

    public abstract bool CanShuffle { get; }

    public abstract long? GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new BlocksAsRowsCursor(GetBlockCursor(columnsNeeded, DataViewBlockCursor.DefaultBlockRows, rand));

    public DataViewBlockCursor GetBlockCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, int maxBlockRows, Random? rand = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockRows, 1);
        return CreateBlockCursor(new ActiveColumns(Schema, columnsNeeded), maxBlockRows, rand);
    }

    /// <summary>A cursor over blocks of up to <paramref name="maxBlockRows"/> rows of the <paramref name="active"/> columns.</summary>
    protected abstract DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand);
}
