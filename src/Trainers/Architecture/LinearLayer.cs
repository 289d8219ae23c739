using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>A fully connected layer from <paramref name="InputWidth"/> to <paramref name="OutputWidth"/> values.</summary>
/// <param name="InputWidth">Values the layer takes; at least 1.</param>
/// <param name="OutputWidth">Values the layer produces; at least 1.</param>
public sealed record LinearLayer(int InputWidth, int OutputWidth) : AutoencoderLayer
{
    internal override int OutputWidthFor(int inputWidth)
    {
        if (InputWidth < 1 || OutputWidth < 1)
        {
            throw new ArgumentException($"linear layer {InputWidth} -> {OutputWidth} needs positive widths");
        }

        if (inputWidth != InputWidth)
        {
            throw new ArgumentException($"linear layer {InputWidth} -> {OutputWidth} receives {inputWidth} values");
        }

        return OutputWidth;
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "linear", ["in"] = InputWidth, ["out"] = OutputWidth };
}
