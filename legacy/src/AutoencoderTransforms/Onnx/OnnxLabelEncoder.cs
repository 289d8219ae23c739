using static Autoencoders.Onnx.OnnxAttributes;

namespace Autoencoders.Onnx;

/// <summary>
/// <c>ai.onnx.ml</c> LabelEncoder nodes: a lookup from keys to values, a default for anything
/// else. Keys and values are strings, floats or 64-bit integers (other integer and Boolean
/// columns are cast to 64-bit integers around it).
/// </summary>
internal static class OnnxLabelEncoder
{
    /// <summary>Maps <paramref name="input"/> through <paramref name="keys"/> to <paramref name="values"/> (same length), giving <paramref name="missing"/> otherwise.</summary>
    public static string Map(OnnxExportContext context, string input, Array keys, Array values, object missing, string hint) =>
        context.MachineLearningNode("LabelEncoder", [input], [hint], [Attribute("keys", keys), Attribute("values", values), Default(missing)])[0];

    private static Autoencoders.Onnx.Protobuf.AttributeProto Attribute(string role, Array entries) => entries switch
    {
        string[] texts => Strings($"{role}_strings", texts),
        float[] numbers => Floats($"{role}_floats", numbers),
        long[] numbers => Ints($"{role}_int64s", numbers),
        _ => throw new NotSupportedException($"A label encoder has no {role} of {entries.GetType().Name}."),
    };

    private static Autoencoders.Onnx.Protobuf.AttributeProto Default(object missing) => missing switch
    {
        string text => String("default_string", text),
        float number => Float("default_float", number),
        long number => Int("default_int64", number),
        _ => throw new NotSupportedException($"A label encoder has no default of {missing.GetType().Name}."),
    };

    /// <summary>Key values of a key column as a label encoder reads or writes them: strings and floats as they are, Int32 and Boolean as 64-bit integers.</summary>
    public static Array Encodable(Array values) => values switch
    {
        int[] numbers => Array.ConvertAll(numbers, number => (long)number),
        bool[] flags => Array.ConvertAll(flags, flag => flag ? 1L : 0L),
        _ => values,
    };
}
