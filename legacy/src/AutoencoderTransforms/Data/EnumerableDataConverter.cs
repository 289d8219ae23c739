namespace Autoencoders.Data;

/// <summary>Converts between sequences of row objects and data views, by the row type's members, without copying the sequence.</summary>
internal static class EnumerableDataConverter
{
    public static IDataView ToDataView<TRow>(IEnumerable<TRow> rows) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new EnumerableDataView<TRow>(rows);
    }

    public static IEnumerable<TRow> ToRows<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns) where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new ObjectReader(typeof(TRow), data.Schema, ignoreMissingColumns);
        return Enumerate<TRow>(data, reader, reuseRowObject);
    }

    private static IEnumerable<TRow> Enumerate<TRow>(IDataView data, ObjectReader reader, bool reuseRowObject) where TRow : class, new()
    {
        TRow? reused = null;
        foreach (var block in DataViewReading.Blocks(data, reader.Columns))
        {
            for (var row = 0; row < block.RowCount; row++)
            {
                var target = reuseRowObject ? reused ??= new TRow() : new TRow();
                reader.Fill(target, block, row);
                yield return target;
            }
        }
    }

    /// <summary>Sets the members of row objects from the columns they name.</summary>
    internal sealed class ObjectReader
    {
        private readonly List<(RowTypeMembers.Member Member, DataViewSchema.Column Column)> _bindings = [];

        public ObjectReader(Type rowType, DataViewSchema schema, bool ignoreMissingColumns)
        {
            foreach (var member in RowTypeMembers.Of(rowType).Members)
            {
                var column = schema.GetColumnOrNull(member.ColumnName);
                if (column is null)
                {
                    if (ignoreMissingColumns) continue;
                    throw new ArgumentException(
                        $"{rowType.Name}.{member.Name} reads column '{member.ColumnName}', which is not in the data ({schema}).", "data");
                }

                if (column.Type.RawType != (member.ValueType == typeof(float[]) ? typeof(float) : member.ValueType) ||
                    (column.Type is VectorDataViewType) != (member.ValueType == typeof(float[])))
                {
                    throw new ArgumentException($"{rowType.Name}.{member.Name} is {member.ValueType.Name} but column '{column.Name}' is {column.Type}.", "data");
                }

                _bindings.Add((member, column));
            }
        }

        public IEnumerable<DataViewSchema.Column> Columns => _bindings.Select(binding => binding.Column);

        public void Fill(object target, DataViewBlockCursor block, int row)
        {
            foreach (var (member, column) in _bindings)
            {
                member.SetValue(target, column.Type switch
                {
                    VectorDataViewType vector => block.GetValues<float>(column).Span.Slice(row * vector.Size, vector.Size).ToArray(),
                    _ => DataViewReading.Value(block, column, row),
                });
            }
        }
    }

    /// <summary>Collects the members of row objects into one array per column for a block of rows.</summary>
    internal sealed class ObjectWriter
    {
        private readonly Type _rowType;
        private readonly RowTypeMembers.Member[] _members;

        /// <param name="rowType">The row class.</param>
        /// <param name="firstRow">A row whose vector members give their sizes where no [VectorType] does; null when there is none.</param>
        public ObjectWriter(Type rowType, object? firstRow)
        {
            _rowType = rowType;
            _members = RowTypeMembers.Of(rowType).Members.ToArray();
            if (_members.Length == 0)
            {
                throw new ArgumentException($"{rowType.Name} has no public fields or properties to load as columns.", "rows");
            }

            Columns = _members.Select(member => (member.ColumnName,
                member.ColumnType(member.VectorSize ?? (firstRow is null ? null : (member.GetValue(firstRow) as float[])?.Length)))).ToArray();
        }

        public IReadOnlyList<(string Name, DataViewType Type)> Columns { get; }

        /// <summary>Arrays for <paramref name="rows"/> rows of every column.</summary>
        public Array[] Allocate(int rows) =>
            Columns.Select(column => Array.CreateInstance(column.Type.RawType, checked(rows * column.Type.ValuesPerRow))).ToArray();

        /// <summary>Writes the members of <paramref name="row"/> (row <paramref name="position"/> of the sequence) at <paramref name="rowInBlock"/>.</summary>
        public void Write(object? row, long position, int rowInBlock, IReadOnlyList<Array?> columns)
        {
            if (row is null)
            {
                throw new ArgumentException($"Row {position} is null.", "rows");
            }

            for (var i = 0; i < _members.Length; i++)
            {
                switch (columns[i])
                {
                    case null:
                        break;
                    case float[] values when Columns[i].Type is VectorDataViewType vector:
                        var vectorValue = _members[i].GetValue(row) as float[];
                        if (vectorValue is null || vectorValue.Length != vector.Size)
                        {
                            throw new ArgumentException(
                                $"Row {position} of column '{Columns[i].Name}' has {vectorValue?.Length.ToString() ?? "no"} values but the column holds {vector.Size} ({_rowType.Name}.{_members[i].Name}).", "rows");
                        }

                        vectorValue.CopyTo(values, rowInBlock * vector.Size);
                        break;
                    case var values:
                        values.SetValue(_members[i].GetValue(row), rowInBlock);
                        break;
                }
            }
        }
    }
}
