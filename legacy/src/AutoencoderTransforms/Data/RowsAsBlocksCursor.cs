namespace Autoencoders.Data;

/// <summary>A block cursor that gathers the rows of a row cursor: how views implemented outside this library feed the engine.</summary>
internal sealed class RowsAsBlocksCursor : BufferedBlockCursor
{
    private readonly DataViewRowCursor _rows;
    private readonly Action<int>[] _readers;
    private bool _done;

    public RowsAsBlocksCursor(DataViewRowCursor rows, int maxBlockRows)
        : base(new BlockBuffer(new ActiveColumns(rows.Schema, rows.Schema.Where(rows.IsColumnActive)), maxBlockRows))
    {
        _rows = rows;
        _readers = Buffer.Active.Columns.Select(Reader).ToArray();
    }

    protected override void Fill()
    {
        while (!_done && !Buffer.IsFull)
        {
            if (!_rows.MoveNext())
            {
                _done = true;
                break;
            }

            foreach (var read in _readers)
            {
                read(Buffer.Count);
            }

            Buffer.Count++;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rows.Dispose();
    }

    /// <summary>Reads the current row's value of <paramref name="column"/> into a given row of the buffer.</summary>
    private Action<int> Reader(DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType { Size: var width })
        {
            var getter = _rows.GetGetter<VBuffer<float>>(column);
            var value = default(VBuffer<float>);
            return target =>
            {
                getter(ref value);
                if (value.Length != width)
                {
                    throw new InvalidDataException($"Row {_rows.Position} of column '{column.Name}' has {value.Length} values but the column holds {width}.");
                }

                value.CopyTo(Buffer.Column<float>(column.Index).AsSpan(target * width, width));
            };
        }

        return column.Type.RawType == typeof(float) ? Scalar<float>(column)
            : column.Type.RawType == typeof(int) ? Scalar<int>(column)
            : column.Type.RawType == typeof(uint) ? Scalar<uint>(column)
            : column.Type.RawType == typeof(bool) ? Scalar<bool>(column)
            : column.Type.RawType == typeof(MLImage) ? Scalar<MLImage>(column)
            : Scalar<string>(column);
    }

    private Action<int> Scalar<T>(DataViewSchema.Column column)
    {
        var getter = _rows.GetGetter<T>(column);
        return target => getter(ref Buffer.Column<T>(column.Index)[target]);
    }
}
