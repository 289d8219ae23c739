namespace Autoencoders.Data;

/// <summary>
/// The values of up to <see cref="Capacity"/> rows of a view's active columns, filled row by row
/// (copied from another cursor's block, or set by a loader): what cursors that select, reorder or
/// parse rows hand out as their block.
/// </summary>
internal sealed class BlockBuffer
{
    private readonly Array?[] _columns;
    private DataViewBlockCursor? _source;
    private long _sourcePosition;
    private (int Index, int Width)[] _plan = [];
    private ReadOnlyMemory<float>[] _floats = [];
    private ReadOnlyMemory<int>[] _integers = [];
    private ReadOnlyMemory<uint>[] _keys = [];
    private ReadOnlyMemory<bool>[] _booleans = [];
    private ReadOnlyMemory<string>[] _texts = [];
    private ReadOnlyMemory<MLImage>[] _images = [];

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
        if (!ReferenceEquals(source, _source) || source.Position != _sourcePosition)
        {
            ReadSourceBlock(source);
        }

        for (var i = 0; i < _plan.Length; i++)
        {
            var (index, width) = _plan[i];
            switch (_columns[index])
            {
                case float[] floats: _floats[i].Span.Slice(row * width, width).CopyTo(floats.AsSpan(target * width)); break;
                case int[] integers: integers[target] = _integers[i].Span[row]; break;
                case uint[] keys: keys[target] = _keys[i].Span[row]; break;
                case bool[] booleans: booleans[target] = _booleans[i].Span[row]; break;
                case string[] texts: texts[target] = _texts[i].Span[row]; break;
                case MLImage[] images: images[target] = _images[i].Span[row]; break;
            }
        }
    }

    /// <summary>Fetches the values of the source block that rows are copied from, once per block.</summary>
    private void ReadSourceBlock(DataViewBlockCursor source)
    {
        var active = Active.Columns.ToArray();
        _plan = active.Select(column => (column.Index, DataViewBlockCursor.ValuesPerRow(column))).ToArray();
        (_floats, _integers, _keys, _booleans, _texts, _images) = (new ReadOnlyMemory<float>[active.Length], new ReadOnlyMemory<int>[active.Length],
            new ReadOnlyMemory<uint>[active.Length], new ReadOnlyMemory<bool>[active.Length], new ReadOnlyMemory<string>[active.Length],
            new ReadOnlyMemory<MLImage>[active.Length]);
        for (var i = 0; i < active.Length; i++)
        {
            var from = source.Schema[active[i].Name];
            switch (_columns[active[i].Index])
            {
                case float[]: _floats[i] = source.GetValues<float>(from); break;
                case int[]: _integers[i] = source.GetValues<int>(from); break;
                case uint[]: _keys[i] = source.GetValues<uint>(from); break;
                case bool[]: _booleans[i] = source.GetValues<bool>(from); break;
                case MLImage[]: _images[i] = source.GetValues<MLImage>(from); break;
                default: _texts[i] = source.GetValues<string>(from); break;
            }
        }

        (_source, _sourcePosition) = (source, source.Position);
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
