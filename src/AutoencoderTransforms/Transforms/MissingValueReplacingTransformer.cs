using System.Text.Json.Nodes;

namespace Autoencoders.Transforms;

/// <summary>Replaces each missing (NaN) value of a Single or vector column by what was learned for its slot.</summary>
public sealed class MissingValueReplacingTransformer : ITransformer, IPersistableTransformer
{
    internal const string Kind = "replace-missing";

    private readonly float[] _replacements;

    internal MissingValueReplacingTransformer(string outputColumnName, string inputColumnName, bool isVector, float[] replacements)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        IsVector = isVector;
        _replacements = replacements;
    }

    /// <summary>The column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The value that replaces a missing one, per slot (a slot with no values at all gets 0).</summary>
    public IReadOnlyList<float> Replacements => _replacements;

    private bool IsVector { get; }

    private SlotwiseMapping Mapping => new(OutputColumnName, InputColumnName, IsVector, _replacements.Length);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Mapping.OutputSchema(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => Mapping.Transform(input, (features, values) =>
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = float.IsNaN(features[i]) ? _replacements[i % _replacements.Length] : features[i];
        }
    });

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["input"] = InputColumnName,
        ["vector"] = IsVector,
        ["replacements"] = new JsonArray(_replacements.Select(v => (JsonNode)v).ToArray()),
    };

    internal static MissingValueReplacingTransformer Load(JsonObject json)
    {
        var replacements = json["replacements"]!.AsArray().Select(node => (float)node!).ToArray();
        if (replacements.Length == 0 || !replacements.All(float.IsFinite))
        {
            throw new FormatException("missing-value replacements are empty or not finite");
        }

        return new MissingValueReplacingTransformer((string)json["output"]!, (string)json["input"]!, (bool)json["vector"]!, replacements);
    }
}
