using System.Collections.Immutable;

namespace Autoencoders.Data;

/// <summary>The first rows of a view, read into memory for looking at in a debugger or a log (ML.NET's <c>Preview</c>).</summary>
public sealed class DataDebuggerPreview
{
    internal DataDebuggerPreview(IDataView data, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        Schema = data.Schema;
        var rows = new List<object[]>();
        foreach (var block in DataViewReading.Blocks(data, data.Schema, Math.Max(1, Math.Min(maxRows, DataViewBlockCursor.DefaultBlockRows))))
        {
            for (var row = 0; row < block.RowCount && rows.Count < maxRows; row++)
            {
                rows.Add(data.Schema.Select(column => Value(block, column, row)).ToArray());
            }

            if (rows.Count >= maxRows) break;
        }

        RowView = rows.Select(values => new RowInfo(Schema.Select(column => new KeyValuePair<string, object>(column.Name, values[column.Index])).ToArray())).ToImmutableArray();
        ColumnView = Schema.Select(column => new ColumnInfo(column, rows.Select(values => values[column.Index]).ToArray())).ToImmutableArray();
    }

    /// <summary>The view's columns.</summary>
    public DataViewSchema Schema { get; }

    /// <summary>The rows read, each as column name and value (vectors as float[]).</summary>
    public ImmutableArray<RowInfo> RowView { get; }

    /// <summary>The rows read, column by column.</summary>
    public ImmutableArray<ColumnInfo> ColumnView { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Schema.Count} columns, {RowView.Length} rows";

    /// <summary>One row of a preview.</summary>
    /// <param name="Values">Each column's name and value.</param>
    public sealed record RowInfo(KeyValuePair<string, object>[] Values);

    /// <summary>One column of a preview.</summary>
    /// <param name="Column">The column.</param>
    /// <param name="Values">Its value in each row read.</param>
    public sealed record ColumnInfo(DataViewSchema.Column Column, object[] Values);

    private static object Value(DataViewBlockCursor block, DataViewSchema.Column column, int row) => column.Type switch
    {
        VectorDataViewType vector => block.GetValues<float>(column).Span.Slice(row * vector.Size, vector.Size).ToArray(),
        _ => DataViewReading.Value(block, column, row),
    };
}
