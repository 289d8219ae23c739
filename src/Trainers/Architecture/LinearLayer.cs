using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>A fully connected layer from <paramref name="InputWidth"/> to <paramref name="OutputWidth"/> values.</summary>
/// <param name="InputWidth">Values the layer takes; at least 1.</param>
/// <param name="OutputWidth">Values the layer produces; at least 1.</param>
public sealed record LinearLayer(int InputWidth, int OutputWidth) : AutoencoderLayer
{
    internal override long StateValues => ((long)InputWidth + 1) * OutputWidth;

    internal override int[] OutputShapeFor(int[] input)
    {
        if (InputWidth < 1 || OutputWidth < 1)
        {
            throw new ArgumentException($"linear layer {InputWidth} -> {OutputWidth} needs positive widths");
        }

        RequireRank(input, 1, $"linear layer {InputWidth} -> {OutputWidth}");
        if (input[0] != InputWidth)
        {
            throw new ArgumentException($"linear layer {InputWidth} -> {OutputWidth} receives {input[0]} values");
        }

        return [OutputWidth];
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "linear", ["in"] = InputWidth, ["out"] = OutputWidth };
}
