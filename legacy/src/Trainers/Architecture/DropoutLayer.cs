using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>Zeroes each value with probability <paramref name="Rate"/> during training (scaling the rest).</summary>
/// <param name="Rate">The drop probability, in [0, 1).</param>
public sealed record DropoutLayer(float Rate) : AutoencoderLayer
{
    internal override int[] OutputShapeFor(int[] input)
    {
        if (!(Rate >= 0f && Rate < 1f))
        {
            throw new ArgumentException($"dropout rate {Rate} is outside [0, 1)");
        }

        return input;
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "dropout", ["rate"] = Rate };
}
