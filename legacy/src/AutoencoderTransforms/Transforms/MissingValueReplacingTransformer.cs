using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>Replaces each missing (NaN) value of a Single or vector column by what was learned for its slot.</summary>
public sealed class MissingValueReplacingTransformer : ITransformer, IPersistableTransformer, IOnnxExportable
{
    internal const string Kind = "replace-missing";

    private readonly SlotwiseMapping _mapping;
    private readonly float[] _replacements;

    internal MissingValueReplacingTransformer(SlotwiseMapping mapping, float[] replacements)
    {
        _mapping = mapping;
        _replacements = replacements;
    }

    /// <summary>The column produced.</summary>
    public string OutputColumnName => _mapping.OutputColumnName;

    /// <summary>The column read.</summary>
    public string InputColumnName => _mapping.InputColumnName;

    /// <summary>The value that replaces a missing one, per slot (a slot with no values at all gets 0).</summary>
    public IReadOnlyList<float> Replacements => _replacements;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _mapping.OutputSchema(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _mapping.Transform(input, (features, values) =>
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = float.IsNaN(features[i]) ? _replacements[i % _replacements.Length] : features[i];
        }
    });

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var input = context.Read(InputColumnName);
        var missing = context.Node("IsNaN", [input], $"{OutputColumnName}.missing");
        var replaced = context.Node("Where", [missing, context.Constant($"{OutputColumnName}.replacements", _replacements, _replacements.Length), input], OutputColumnName);
        context.Write(OutputColumnName, replaced);
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject { ["kind"] = Kind, ["replacements"] = new JsonArray(_replacements.Select(v => (JsonNode)v).ToArray()) };
        _mapping.Save(json);
        return json;
    }

    internal static MissingValueReplacingTransformer Load(JsonObject json)
    {
        var replacements = json["replacements"]!.AsArray().Select(node => (float)node!).ToArray();
        if (replacements.Length == 0 || !replacements.All(float.IsFinite))
        {
            throw new FormatException("missing-value replacements are empty or not finite");
        }

        return new MissingValueReplacingTransformer(SlotwiseMapping.Load(json, replacements.Length), replacements);
    }
}
