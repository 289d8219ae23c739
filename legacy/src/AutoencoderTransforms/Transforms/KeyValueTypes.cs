using System.Text.Json.Nodes;

namespace Autoencoders.Transforms;

/// <summary>The column types that map to keys, and how their values are gathered and looked up.</summary>
internal static class KeyValueTypes
{
    /// <summary>The types whose values can be keys: text, Single, Int32 and Boolean scalars.</summary>
    public static void Require(DataViewType type, string columnName)
    {
        if (type is not (TextDataViewType or BooleanDataViewType or NumberDataViewType))
        {
            throw new ArgumentException($"Column '{columnName}' is {type}; keys map text, Single, Int32 or Boolean values.", "inputSchema");
        }
    }

    /// <summary>The column type of key values held in <paramref name="values"/>.</summary>
    public static DataViewType TypeOf(Array values) => values switch
    {
        string[] => TextDataViewType.Instance,
        float[] => NumberDataViewType.Single,
        int[] => NumberDataViewType.Int32,
        bool[] => BooleanDataViewType.Instance,
        _ => throw new FormatException($"key values of {values.GetType().Name} are not supported"),
    };

    /// <summary>Whether a value is missing: NaN or empty text (they map to key 0).</summary>
    public static bool IsMissing(object value) => value is float.NaN or "";

    /// <summary>The distinct non-missing values of <paramref name="column"/> in order of first appearance, at most <paramref name="limit"/>.</summary>
    public static Array Distinct(IDataView data, DataViewSchema.Column column, int limit)
    {
        var seen = new HashSet<object>();
        var values = new List<object>();
        foreach (var block in DataViewReading.Blocks(data, [column]))
        {
            for (var row = 0; row < block.RowCount && values.Count < limit; row++)
            {
                var value = DataViewReading.Value(block, column, row);
                if (!IsMissing(value) && seen.Add(value))
                {
                    values.Add(value);
                }
            }
        }

        var array = Array.CreateInstance(column.Type.RawType, values.Count);
        for (var i = 0; i < values.Count; i++) array.SetValue(values[i], i);
        return array;
    }

    /// <summary>The values in sort order (ordinal for text, false before true).</summary>
    public static Array Sorted(Array values)
    {
        var copy = (Array)values.Clone();
        if (copy is string[] texts) Array.Sort(texts, StringComparer.Ordinal);
        else Array.Sort(copy);
        return copy;
    }

    /// <summary>Writes key values into <paramref name="json"/> as "keyType" and "keyValues".</summary>
    public static void Save(Array values, JsonObject json)
    {
        json["keyType"] = TypeOf(values).ToString();
        json["keyValues"] = new JsonArray(values.Cast<object>().Select(value => JsonValue.Create(value)).ToArray<JsonNode?>());
    }

    /// <summary>Reads what <see cref="Save"/> wrote; null when <paramref name="json"/> holds no key values.</summary>
    /// <exception cref="FormatException">The values are empty, repeated or of an unsupported type.</exception>
    public static Array? Load(JsonObject json)
    {
        if (json["keyValues"] is not JsonArray nodes)
        {
            return null;
        }

        Array values = DataViewType.Parse((string)json["keyType"]!) switch
        {
            TextDataViewType => nodes.Select(node => (string)node!).ToArray(),
            BooleanDataViewType => nodes.Select(node => (bool)node!).ToArray(),
            var type when type.Equals(NumberDataViewType.Single) => nodes.Select(node => (float)node!).ToArray(),
            var type when type.Equals(NumberDataViewType.Int32) => nodes.Select(node => (int)node!).ToArray(),
            var type => throw new FormatException($"keys of {type} values are not supported"),
        };
        return values.Length > 0 && Index(values).Count == values.Length ? values : throw new FormatException("the key values are empty or repeated");
    }

    /// <summary>The annotations of a key column whose keys stand for <paramref name="values"/>.</summary>
    public static DataViewSchema.Annotations Annotations(Array values) => DataViewSchema.Annotations.Of(DataViewSchema.Annotations.KeyValues, values);

    /// <summary>Key (1-based position in <paramref name="values"/>) of each value: 0 for missing or unknown.</summary>
    public static Dictionary<object, uint> Index(Array values)
    {
        var index = new Dictionary<object, uint>();
        for (var i = 0; i < values.Length; i++) index[values.GetValue(i)!] = (uint)i + 1;
        return index;
    }
}
