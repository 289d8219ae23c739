namespace Autoencoders.Data;

/// <summary>
/// A view that reads its source into memory on the first cursor and serves every later cursor from
/// there: for data read several times (epochs, evaluation after scoring) that fits in memory.
/// </summary>
internal sealed class CachedDataView(IDataView source) : IDataView
{
    private readonly Lazy<ColumnarDataView> _stored = new(() => ColumnarDataView.Read(source), LazyThreadSafetyMode.ExecutionAndPublication);

    public DataViewSchema Schema => source.Schema;

    public bool CanShuffle => true;

    public long? GetRowCount() => _stored.IsValueCreated ? _stored.Value.GetRowCount() : source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _stored.Value.GetRowCursor(columnsNeeded, rand);

    public DataViewBlockCursor GetBlockCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, int maxBlockRows, Random? rand = null) =>
        _stored.Value.GetBlockCursor(columnsNeeded, maxBlockRows, rand);
}
