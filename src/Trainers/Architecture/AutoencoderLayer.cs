using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>One layer of an encoder or decoder stack, as the native engine builds it.</summary>
public abstract record AutoencoderLayer
{
    private protected AutoencoderLayer() { }

    /// <summary>
    /// The shape this layer outputs (per row, without the batch dimension) when it receives
    /// <paramref name="input"/>: one dimension for vectors, three (channels, height, width) for images.
    /// </summary>
    /// <exception cref="ArgumentException">The layer cannot take that shape.</exception>
    internal abstract int[] OutputShapeFor(int[] input);

    /// <summary>"(a, b, c)" for messages.</summary>
    internal static string Describe(int[] shape) => $"({string.Join(", ", shape)})";

    /// <summary>Throws unless <paramref name="shape"/> has <paramref name="rank"/> dimensions.</summary>
    internal static void RequireRank(int[] shape, int rank, string layer)
    {
        if (shape.Length != rank)
        {
            throw new ArgumentException($"{layer} needs a {rank}-dimensional input but receives {Describe(shape)}");
        }
    }

    /// <summary>The float values of the layer's weights and running statistics: what a saved model must hold for it.</summary>
    internal virtual long StateValues => 0;

    internal abstract JsonObject ToJson();

    internal static AutoencoderLayer FromJson(JsonNode node)
    {
        var kind = (string?)node["kind"] ?? throw new FormatException("layer without 'kind'");
        return kind switch
        {
            "linear" => new LinearLayer((int)node["in"]!, (int)node["out"]!),
            "batch_norm" => new BatchNormLayer((int)node["features"]!),
            "dropout" => new DropoutLayer((float)node["rate"]!),
            "conv2d" => new Conv2dLayer((int)node["in_channels"]!, (int)node["out_channels"]!, (int)node["kernel"]!, (int)node["stride"]!, (int)node["padding"]!),
            "conv_transpose2d" => new ConvTranspose2dLayer((int)node["in_channels"]!, (int)node["out_channels"]!, (int)node["kernel"]!,
                (int)node["stride"]!, (int)node["padding"]!, (int)node["output_padding"]!),
            "max_pool2d" => new MaxPool2dLayer((int)node["kernel"]!, (int)node["stride"]!),
            "flatten" => new FlattenLayer(),
            "unflatten" => new UnflattenLayer((int)node["channels"]!, (int)node["height"]!, (int)node["width"]!),
            "resize2d" => new Resize2dLayer((int)node["height"]!, (int)node["width"]!),
            _ => ActivationLayer.FromJson(kind, node),
        };
    }
}
