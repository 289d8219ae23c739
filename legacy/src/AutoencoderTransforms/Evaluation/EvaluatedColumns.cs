namespace Autoencoders.Data;

/// <summary>Reads the label, score and prediction columns that the evaluators compare, checking their types.</summary>
internal static class EvaluatedColumns
{
    /// <summary>The named columns of <paramref name="data"/>, which must exist, read into memory in one pass.</summary>
    public static ColumnarDataView Read(IDataView data, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var name in names)
        {
            SchemaRequirements.RequireColumn(data.Schema, name);
        }

        return ColumnarDataView.Read(data, names);
    }

    /// <summary>A true/false label per row from a Boolean, Single or Int32 column (nonzero = true); a NaN label is refused.</summary>
    public static bool[] ReadBooleanLabels(ColumnarDataView data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = SchemaRequirements.RequireColumn(data.Schema, name);
        return column.Type switch
        {
            BooleanDataViewType => ((DataColumn<bool>)data.Column(column)).Array,
            NumberDataViewType when column.Type.RawType == typeof(int) => Array.ConvertAll(((DataColumn<int>)data.Column(column)).Array, value => value != 0),
            NumberDataViewType => ToBooleans(((DataColumn<float>)data.Column(column)).Array, name),
            _ => throw new ArgumentException($"Column '{name}' is {column.Type}; labels must be Boolean, Single or Int32 (nonzero = true).", nameof(data)),
        };
    }

    /// <summary>
    /// The class of each row, 0..K-1, from an Int32 column or a key column (key k is class k - 1);
    /// -1 where a key is 0, a missing label.
    /// </summary>
    public static int[] ReadClasses(ColumnarDataView data, string name)
    {
        var column = SchemaRequirements.RequireColumn(data.Schema, name);
        return column.Type switch
        {
            KeyDataViewType => Array.ConvertAll(((DataColumn<uint>)data.Column(column)).Array, key => (int)key - 1),
            _ when column.Type.Equals(NumberDataViewType.Int32) => ((DataColumn<int>)data.Column(column)).Array,
            _ => throw new ArgumentException($"Column '{name}' is {column.Type} but must be a key (MapValueToKey) or Int32 classes.", nameof(data)),
        };
    }

    /// <summary>The values of the scalar column <paramref name="name"/>, which must be of <paramref name="type"/>.</summary>
    public static T[] ReadScalar<T>(ColumnarDataView data, string name, DataViewType type)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = SchemaRequirements.RequireColumn(data.Schema, name);
        return column.Type.Equals(type)
            ? ((DataColumn<T>)data.Column(column)).Array
            : throw new ArgumentException($"Column '{name}' is {column.Type} but must be {type}.", nameof(data));
    }

    private static bool[] ToBooleans(float[] values, string name)
    {
        var labels = new bool[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            labels[row] = float.IsNaN(values[row])
                ? throw new ArgumentException($"Row {row} of column '{name}' has no label (NaN); filter such rows out before evaluating.", "data")
                : values[row] != 0f;
        }

        return labels;
    }
}
