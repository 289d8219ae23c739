namespace Autoencoders.Data;

/// <summary>
/// A view held in memory: one array of values per column. What caching produces; its cursors hand
/// out slices of the arrays without copying, or gather rows when shuffling.
/// </summary>
internal sealed class ColumnarDataView : BlockDataView
{
    private readonly DataColumn[] _columns;
    private readonly int _rowCount;

    /// <param name="columns">The columns' names and values.</param>
    /// <param name="rowCount">The rows (needed when there are no columns).</param>
    /// <param name="annotations">The columns' annotations, by position; null for none.</param>
    public ColumnarDataView(IReadOnlyList<(string Name, DataColumn Column)> columns, int? rowCount = null, IReadOnlyList<DataViewSchema.Annotations>? annotations = null)
    {
        Schema = new DataViewSchema(columns.Select((c, i) => new DataViewSchema.DetachedColumn(c.Name, c.Column.Type, annotations?[i])));
        _columns = columns.Select(c => c.Column).ToArray();
        _rowCount = rowCount ?? (_columns.Length == 0 ? 0 : _columns[0].RowCount);
        foreach (var (name, column) in columns)
        {
            if (column.RowCount != _rowCount)
            {
                throw new ArgumentException($"Column '{name}' has {column.RowCount} rows but the view has {_rowCount}.", nameof(columns));
            }
        }
    }

    public override DataViewSchema Schema { get; }

    public override bool CanShuffle => true;

    public override long? GetRowCount() => _rowCount;

    /// <summary>The stored values of <paramref name="column"/>.</summary>
    public DataColumn Column(DataViewSchema.Column column) => _columns[column.Index];

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        int[]? order = null;
        if (rand is not null)
        {
            order = Enumerable.Range(0, _rowCount).ToArray();
            rand.Shuffle(order);
        }

        return new Cursor(this, active, maxBlockRows, order);
    }

    /// <summary>Reads every row of <paramref name="data"/> into memory in one pass: all its columns, or those named.</summary>
    public static ColumnarDataView Read(IDataView data, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data is ColumnarDataView stored && columnNames is null)
        {
            return stored;
        }

        var columns = columnNames?.Distinct().Select(name => data.Schema[name]).ToArray() ?? data.Schema.ToArray();
        var builders = columns.Select(ColumnBuilder.For).ToArray();
        var rows = 0;
        foreach (var block in DataViewReading.Blocks(data, columns))
        {
            foreach (var builder in builders)
            {
                builder.Add(block);
            }

            rows = checked(rows + block.RowCount);
        }

        return new ColumnarDataView(columns.Select((column, i) => (column.Name, builders[i].Build())).ToArray(), rows, columns.Select(column => column.Annotations).ToArray());
    }

    private abstract class ColumnBuilder
    {
        public abstract void Add(DataViewBlockCursor block);

        public abstract DataColumn Build();

        public static ColumnBuilder For(DataViewSchema.Column column) =>
            column.Type.RawType == typeof(float) ? new ColumnBuilder<float>(column)
            : column.Type.RawType == typeof(int) ? new ColumnBuilder<int>(column)
            : column.Type.RawType == typeof(uint) ? new ColumnBuilder<uint>(column)
            : column.Type.RawType == typeof(bool) ? new ColumnBuilder<bool>(column)
            : new ColumnBuilder<string>(column);
    }

    private sealed class ColumnBuilder<T>(DataViewSchema.Column column) : ColumnBuilder
    {
        private readonly List<T> _values = [];

        public override void Add(DataViewBlockCursor block) => _values.AddRange(block.GetValues<T>(column).Span);

        public override DataColumn Build() => new DataColumn<T>(column.Type, _values.ToArray());
    }

    private sealed class Cursor(ColumnarDataView view, ActiveColumns active, int maxBlockRows, int[]? order) : ActiveBlockCursor(active)
    {
        private readonly DataColumn?[] _gathered = new DataColumn?[view._columns.Length];

        public override bool MoveNext()
        {
            var next = StartNextBlock();
            if (next >= view._rowCount)
            {
                return false;
            }

            CurrentRows = (int)Math.Min(maxBlockRows, view._rowCount - next);
            if (order is not null)
            {
                var rows = order.AsSpan((int)next, CurrentRows);
                for (var i = 0; i < _gathered.Length; i++)
                {
                    _gathered[i] = Active[i] ? view._columns[i].SelectRows(rows) : null;
                }
            }

            return true;
        }

        public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
        {
            Active.RequireReadable<T>(column);
            if (Position < 0 || CurrentRows == 0)
            {
                throw NotOnABlock();
            }

            return order is null
                ? ((DataColumn<T>)view._columns[column.Index]).Rows((int)Position, CurrentRows)
                : ((DataColumn<T>)_gathered[column.Index]!).Array;
        }
    }
}
