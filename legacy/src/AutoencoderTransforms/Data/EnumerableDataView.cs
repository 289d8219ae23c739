namespace Autoencoders.Data;

/// <summary>
/// A sequence of row objects seen as a view, without copying it: every cursor enumerates the
/// sequence again and reads the members its columns need.
/// </summary>
/// <typeparam name="TRow">The row class; its public fields and properties are the columns.</typeparam>
internal sealed class EnumerableDataView<TRow> : BlockDataView where TRow : class
{
    private readonly IEnumerable<TRow> _rows;
    private readonly EnumerableDataConverter.ObjectWriter _writer;

    public EnumerableDataView(IEnumerable<TRow> rows)
    {
        _rows = rows;
        var needsFirstRow = RowTypeMembers.Of(typeof(TRow)).Members.Any(member => member.ValueType == typeof(float[]) && member.VectorSize is null);
        _writer = new EnumerableDataConverter.ObjectWriter(typeof(TRow), needsFirstRow ? rows.FirstOrDefault() : null);
        Schema = new DataViewSchema(_writer.Columns);
    }

    public override DataViewSchema Schema { get; }

    public override bool CanShuffle => false;

    public override long? GetRowCount() => _rows switch
    {
        ICollection<TRow> collection => collection.Count,
        IReadOnlyCollection<TRow> collection => collection.Count,
        _ => null,
    };

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        var capacity = GetRowCount() is { } count ? (int)Math.Clamp(count, 1, maxBlockRows) : maxBlockRows;
        return new Cursor(this, new BlockBuffer(active, capacity));
    }

    private sealed class Cursor(EnumerableDataView<TRow> view, BlockBuffer buffer) : BufferedBlockCursor(buffer)
    {
        private readonly IEnumerator<TRow> _rows = view._rows.GetEnumerator();
        private long _written;

        protected override void Fill()
        {
            while (!Buffer.IsFull && _rows.MoveNext())
            {
                view._writer.Write(_rows.Current, _written++, Buffer.Count, Buffer.Arrays);
                Buffer.Count++;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _rows.Dispose();
        }
    }
}
