using System.Text.Json.Nodes;

namespace Autoencoders.Transforms;

/// <summary>
/// Applies a per-feature affine map learned by a normalizer: y = (x - Offset[i]) * Scale[i].
/// Min-max normalization maps the fitted range to [0, 1]; mean-variance to zero mean and unit
/// variance. A feature that was constant during fitting has scale 0 and maps to 0.
/// </summary>
public sealed class NormalizingTransformer : ITransformer, IPersistableTransformer
{
    internal const string Kind = "normalize";

    private readonly float[] _offset;
    private readonly float[] _scale;

    internal NormalizingTransformer(string outputColumnName, string inputColumnName, bool isVector, float[] offset, float[] scale)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        IsVector = isVector;
        _offset = offset;
        _scale = scale;
    }

    /// <summary>The normalized column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Subtracted from each feature (the minimum, or the mean).</summary>
    public IReadOnlyList<float> Offset => _offset;

    /// <summary>Multiplies each shifted feature (1 / range, or 1 / standard deviation; 0 for constant features).</summary>
    public IReadOnlyList<float> Scale => _scale;

    private bool IsVector { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, _offset.Length);
        return inputSchema.With((OutputColumnName, IsVector ? new VectorDataViewType(_offset.Length) : NumberDataViewType.Single));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputType = GetOutputSchema(input.Schema)[OutputColumnName].Type;
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, outputType)], block =>
        {
            var features = block.GetValues<float>(block.Schema[InputColumnName]).Span;
            var values = new float[features.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var feature = i % _offset.Length;
                values[i] = (features[i] - _offset[feature]) * _scale[feature];
            }

            return [values];
        });
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["input"] = InputColumnName,
        ["vector"] = IsVector,
        ["offset"] = new JsonArray(_offset.Select(v => (JsonNode)v).ToArray()),
        ["scale"] = new JsonArray(_scale.Select(v => (JsonNode)v).ToArray()),
    };

    internal static NormalizingTransformer Load(JsonObject json)
    {
        var offset = json["offset"]!.AsArray().Select(node => (float)node!).ToArray();
        var scale = json["scale"]!.AsArray().Select(node => (float)node!).ToArray();
        if (offset.Length == 0 || offset.Length != scale.Length || offset.Concat(scale).Any(v => !float.IsFinite(v)))
        {
            throw new FormatException("normalizer statistics are empty, of unequal length or not finite");
        }

        return new NormalizingTransformer((string)json["output"]!, (string)json["input"]!, (bool)json["vector"]!, offset, scale);
    }
}
