namespace Autoencoders.Transforms.Data;

/// <summary>Converts between sequences of row objects and data views, by the row type's members.</summary>
internal static class EnumerableDataConverter
{
    public static IDataView ToDataView<TRow>(IEnumerable<TRow> rows) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<TRow> ?? rows.ToList();
        var members = RowTypeMembers.Of(typeof(TRow)).Members;
        if (members.Count == 0)
        {
            throw new ArgumentException($"{typeof(TRow).Name} has no public fields or properties to load as columns.", nameof(rows));
        }

        return new ColumnarDataView(members.Select(member => (member.ColumnName, Column(member, list))).ToArray(), list.Count);
    }

    public static IEnumerable<TRow> ToRows<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns) where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        var bindings = new List<(RowTypeMembers.Member Member, DataColumn Column)>();
        foreach (var member in RowTypeMembers.Of(typeof(TRow)).Members)
        {
            var column = data.Schema.GetColumnOrNull(member.ColumnName);
            if (column is null)
            {
                if (ignoreMissingColumns) continue;
                throw new ArgumentException(
                    $"{typeof(TRow).Name}.{member.Name} reads column '{member.ColumnName}', which is not in the data ({data.Schema}).", nameof(data));
            }

            if (column.Type.RawType != (member.ValueType == typeof(float[]) ? typeof(float) : member.ValueType) ||
                (column.Type is VectorDataViewType) != (member.ValueType == typeof(float[])))
            {
                throw new ArgumentException(
                    $"{typeof(TRow).Name}.{member.Name} is {member.ValueType.Name} but column '{column.Name}' is {column.Type}.", nameof(data));
            }

            bindings.Add((member, data.GetColumn(column)));
        }

        return Enumerate<TRow>(bindings, checked((int)(data.GetRowCount() ?? 0)), reuseRowObject);
    }

    private static IEnumerable<TRow> Enumerate<TRow>(List<(RowTypeMembers.Member Member, DataColumn Column)> bindings, int rowCount, bool reuseRowObject)
        where TRow : class, new()
    {
        TRow? reused = null;
        for (var row = 0; row < rowCount; row++)
        {
            var target = reuseRowObject ? reused ??= new TRow() : new TRow();
            foreach (var (member, column) in bindings)
            {
                member.SetValue(target, column switch
                {
                    DataColumn<float> { Type: VectorDataViewType } vector => vector.GetRow(row).ToArray(),
                    DataColumn<float> single => single.Array[row],
                    DataColumn<int> integer => integer.Array[row],
                    DataColumn<bool> boolean => boolean.Array[row],
                    DataColumn<string> text => text.Array[row],
                    _ => throw new InvalidOperationException($"Unsupported column type {column.Type}."),
                });
            }

            yield return target;
        }
    }

    private static DataColumn Column<TRow>(RowTypeMembers.Member member, IReadOnlyList<TRow> rows) where TRow : class
    {
        if (member.ValueType == typeof(float[]))
        {
            var size = member.VectorSize ?? (rows.Count > 0 ? (member.GetValue(rows[0]!) as float[])?.Length : null);
            var type = (VectorDataViewType)member.ColumnType(size);
            var values = new float[checked(rows.Count * type.Size)];
            for (var i = 0; i < rows.Count; i++)
            {
                var vector = member.GetValue(RowAt(rows, i)) as float[];
                if (vector is null || vector.Length != type.Size)
                {
                    throw new ArgumentException(
                        $"Row {i} of column '{member.ColumnName}' has {vector?.Length.ToString() ?? "no"} values but the column holds {type.Size}.", nameof(rows));
                }

                vector.CopyTo(values, i * type.Size);
            }

            return new DataColumn<float>(type, values);
        }

        return member.ValueType == typeof(float) ? Scalars<TRow, float>(member, rows)
            : member.ValueType == typeof(int) ? Scalars<TRow, int>(member, rows)
            : member.ValueType == typeof(bool) ? Scalars<TRow, bool>(member, rows)
            : Scalars<TRow, string>(member, rows);
    }

    private static DataColumn<T> Scalars<TRow, T>(RowTypeMembers.Member member, IReadOnlyList<TRow> rows) where TRow : class
    {
        var values = new T[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = (T)member.GetValue(RowAt(rows, i))!;
        }

        return new DataColumn<T>(member.ColumnType(), values);
    }

    private static object RowAt<TRow>(IReadOnlyList<TRow> rows, int index) where TRow : class =>
        rows[index] ?? throw new ArgumentException($"Row {index} is null.", nameof(rows));
}
