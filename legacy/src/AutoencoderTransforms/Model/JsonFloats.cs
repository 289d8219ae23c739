using System.Text.Json.Nodes;

namespace Autoencoders;

/// <summary>Float vectors in a model file's JSON: written so they read back to the same bits.</summary>
internal static class JsonFloats
{
    /// <summary>The values as a JSON array of numbers.</summary>
    public static JsonArray ToJson(IEnumerable<float> values) => new(values.Select(value => (JsonNode)value).ToArray());

    /// <summary>The numbers of a JSON array, or null when <paramref name="node"/> is not an array of numbers.</summary>
    public static float[]? Read(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return null;
        }

        var values = new float[array.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (array[i] is not JsonValue value || !value.TryGetValue(out double number))
            {
                return null;
            }

            values[i] = (float)number;
        }

        return values;
    }
}
