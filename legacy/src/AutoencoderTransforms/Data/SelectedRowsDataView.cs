namespace Autoencoders.Data;

/// <summary>
/// The rows of a source view that a rule keeps, in source order, decided while a cursor reads:
/// what TakeRows, SkipRows, FilterRowsByColumn and TrainTestSplit return. Nothing is read until
/// a cursor asks, and a pass stops reading the source once the rule says no later row is kept.
/// </summary>
internal sealed class SelectedRowsDataView : BlockDataView
{
    private readonly IDataView _source;
    private readonly string[] _ruleColumns;
    private readonly Func<DataViewBlockCursor, int, bool> _keep;
    private readonly long _stopAt;
    private readonly long? _rowCount;

    /// <param name="source">The rows to select from.</param>
    /// <param name="ruleColumns">Source columns the rule reads.</param>
    /// <param name="keep">Whether row <c>i</c> of a source block (at source position <c>block.Position + i</c>) is kept.</param>
    /// <param name="stopAt">The source position from which no row is kept.</param>
    /// <param name="rowCount">The number of rows kept, when known without a pass.</param>
    public SelectedRowsDataView(IDataView source, IReadOnlyList<string> ruleColumns, Func<DataViewBlockCursor, int, bool> keep,
        long stopAt = long.MaxValue, long? rowCount = null)
    {
        _source = source;
        _ruleColumns = ruleColumns.ToArray();
        _keep = keep;
        _stopAt = stopAt;
        _rowCount = rowCount;
    }

    public override DataViewSchema Schema => _source.Schema;

    public override bool CanShuffle => false;

    public override long? GetRowCount() => _rowCount;

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        var read = active.Columns.Select(column => column.Name).Concat(_ruleColumns).Distinct().Select(name => _source.Schema[name]).ToArray();
        var sourceBlockRows = (int)Math.Clamp(_stopAt, 1, maxBlockRows);
        return new Cursor(this, new BlockBuffer(active, maxBlockRows), _source.GetBlockCursor(read, sourceBlockRows));
    }

    private sealed class Cursor(SelectedRowsDataView view, BlockBuffer buffer, DataViewBlockCursor source) : BufferedBlockCursor(buffer)
    {
        private int _nextSourceRow;
        private bool _sourceDone;

        protected override void Fill()
        {
            while (!Buffer.IsFull && !_sourceDone)
            {
                if (_nextSourceRow >= source.RowCount)
                {
                    _sourceDone = source.Position + source.RowCount >= view._stopAt || !source.MoveNext();
                    _nextSourceRow = 0;
                    continue;
                }

                if (source.Position + _nextSourceRow >= view._stopAt)
                {
                    _sourceDone = true;
                    break;
                }

                if (view._keep(source, _nextSourceRow))
                {
                    Buffer.Append(source, _nextSourceRow);
                }

                _nextSourceRow++;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
        }
    }
}
