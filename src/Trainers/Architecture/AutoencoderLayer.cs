using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>One layer of an encoder or decoder stack, as the native engine builds it.</summary>
public abstract record AutoencoderLayer
{
    private protected AutoencoderLayer() { }

    /// <summary>The width this layer outputs when it receives <paramref name="inputWidth"/> values.</summary>
    /// <exception cref="ArgumentException">The layer cannot take that width.</exception>
    internal abstract int OutputWidthFor(int inputWidth);

    internal abstract JsonObject ToJson();

    internal static AutoencoderLayer FromJson(JsonNode node)
    {
        var kind = (string?)node["kind"] ?? throw new FormatException("layer without 'kind'");
        return kind switch
        {
            "linear" => new LinearLayer((int)node["in"]!, (int)node["out"]!),
            "batch_norm" => new BatchNormLayer((int)node["features"]!),
            "dropout" => new DropoutLayer((float)node["rate"]!),
            _ => ActivationLayer.FromJson(kind, node),
        };
    }
}
