namespace Autoencoders.Transforms.Data;

/// <summary>
/// The values of up to <see cref="Capacity"/> rows of a view's active columns, filled row by row
/// (copied from another cursor's block, or set by a loader): what cursors that select, reorder or
/// parse rows hand out as their block.
/// </summary>
internal sealed class BlockBuffer
{
    private readonly Array?[] _columns;

    public BlockBuffer(ActiveColumns active, int capacity)
    {
        Active = active;
        Capacity = capacity;
        _columns = active.Schema.Select(column => active[column.Index]
            ? Array.CreateInstance(column.Type.RawType, checked(capacity * DataViewBlockCursor.ValuesPerRow(column)))
            : null).ToArray();
    }

    public ActiveColumns Active { get; }

    public int Capacity { get; }

    /// <summary>Rows filled so far.</summary>
    public int Count { get; set; }

    public bool IsFull => Count == Capacity;

    /// <summary>The arrays behind the columns, by schema position; null for inactive ones.</summary>
    public IReadOnlyList<Array?> Arrays => _columns;

    /// <summary>The array behind column <paramref name="columnIndex"/>, for a loader to fill row <see cref="Count"/> of.</summary>
    public T[] Column<T>(int columnIndex) => (T[])_columns[columnIndex]!;

    /// <summary>Copies row <paramref name="row"/> of <paramref name="source"/>'s block into row <paramref name="target"/> (the source has the same column names).</summary>
    public void CopyRow(DataViewBlockCursor source, int row, int target)
    {
        foreach (var column in Active.Columns)
        {
            var from = source.Schema[column.Name];
            var width = DataViewBlockCursor.ValuesPerRow(column);
            switch (_columns[column.Index])
            {
                case float[] floats: source.GetValues<float>(from).Span.Slice(row * width, width).CopyTo(floats.AsSpan(target * width)); break;
                case int[] integers: integers[target] = source.GetValues<int>(from).Span[row]; break;
                case bool[] booleans: booleans[target] = source.GetValues<bool>(from).Span[row]; break;
                case string[] texts: texts[target] = source.GetValues<string>(from).Span[row]; break;
            }
        }
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="source"/>'s block.</summary>
    public void Append(DataViewBlockCursor source, int row) => CopyRow(source, row, Count++);

    /// <summary>Appends row <paramref name="row"/> of another buffer over the same columns.</summary>
    public void AppendFrom(BlockBuffer other, int row)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i] is { } target)
            {
                var width = DataViewBlockCursor.ValuesPerRow(Active.Schema[i]);
                Array.Copy(other._columns[i]!, row * width, target, Count * width, width);
            }
        }

        Count++;
    }

    /// <summary>Copies row <paramref name="from"/> over row <paramref name="to"/>.</summary>
    public void MoveRow(int from, int to)
    {
        foreach (var values in _columns)
        {
            if (values is not null)
            {
                var width = values.Length / Capacity;
                Array.Copy(values, from * width, values, to * width, width);
            }
        }
    }

    /// <summary>The filled rows of <paramref name="column"/>.</summary>
    public ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
    {
        Active.RequireReadable<T>(column);
        return Column<T>(column.Index).AsMemory(0, Count * DataViewBlockCursor.ValuesPerRow(column));
    }
}
