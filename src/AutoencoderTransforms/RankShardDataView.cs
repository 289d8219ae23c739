using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// One rank's shard of a data view in a distributed training: the rows at positions rank,
/// rank + N, ... of the source, in order, with the source's ids. Values are read only for those
/// rows: the source's cursor steps over the others without asking for them.
/// </summary>
internal sealed class RankShardDataView(IDataView source, int rank, int worldSize) : IDataView
{
    /// <summary>Whether the row at <paramref name="position"/> of the source is in <paramref name="rank"/>'s shard of <paramref name="worldSize"/>.</summary>
    public static bool Holds(long position, int rank, int worldSize) => position % worldSize == rank;

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema => source.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => source.GetRowCount() is { } rows ? Math.Max(0, (rows - rank + worldSize - 1) / worldSize) : null;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(columnsNeeded), rank, worldSize);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(DataViewRowCursor source, int rank, int worldSize) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => source.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            while (source.MoveNext())
            {
                if (Holds(source.Position, rank, worldSize))
                {
                    _position++;
                    return true;
                }
            }

            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => source.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => source.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => source.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                source.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
