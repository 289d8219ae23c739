using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>Batch normalization over <paramref name="Features"/> values.</summary>
/// <param name="Features">The width the layer normalizes; must equal the width it receives.</param>
public sealed record BatchNormLayer(int Features) : AutoencoderLayer
{
    /// <summary>Weight, bias, running mean and running variance.</summary>
    internal override long StateValues => 4L * Features;

    internal override int[] OutputShapeFor(int[] input)
    {
        RequireRank(input, 1, $"batch norm over {Features} features");
        if (input[0] != Features)
        {
            throw new ArgumentException($"batch norm over {Features} features receives {input[0]} values");
        }

        return input;
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "batch_norm", ["features"] = Features };
}
