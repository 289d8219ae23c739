namespace Autoencoders.Transforms.Data;

/// <summary>The in-memory data view: one contiguous block of values per column.</summary>
internal sealed class ColumnarDataView : IDataView
{
    private readonly DataColumn[] _columns;

    public ColumnarDataView(IReadOnlyList<(string Name, DataColumn Column)> columns, int? rowCount = null)
    {
        Schema = new DataViewSchema(columns.Select(c => (c.Name, c.Column.Type)));
        _columns = columns.Select(c => c.Column).ToArray();
        RowCount = rowCount ?? (_columns.Length == 0 ? 0 : _columns[0].RowCount);
        foreach (var (name, column) in columns)
        {
            if (column.RowCount != RowCount)
            {
                throw new ArgumentException($"Column '{name}' has {column.RowCount} rows but the view has {RowCount}.", nameof(columns));
            }
        }
    }

    public DataViewSchema Schema { get; }

    public int RowCount { get; }

    public long? GetRowCount() => RowCount;

    public DataColumn GetColumn(DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Index >= _columns.Length || Schema[column.Index] != column)
        {
            throw new ArgumentException($"Column '{column.Name}' does not belong to this view.", nameof(column));
        }

        return _columns[column.Index];
    }

    /// <summary>The columns of <paramref name="view"/> with <paramref name="added"/> at the end, replacing any of the same name.</summary>
    public static ColumnarDataView With(IDataView view, params (string Name, DataColumn Column)[] added)
    {
        var kept = view.Schema
            .Where(column => !added.Any(a => a.Name == column.Name))
            .Select(column => (column.Name, view.GetColumn(column)));
        return new ColumnarDataView(kept.Concat(added).ToArray(), checked((int)(view.GetRowCount() ?? 0)));
    }

    /// <summary>A view of the given rows of <paramref name="view"/>, in the given order.</summary>
    public static ColumnarDataView SelectRows(IDataView view, IReadOnlyList<int> rows) =>
        new(view.Schema.Select(column => (column.Name, view.GetColumn(column).SelectRows(rows))).ToArray(), rows.Count);
}
