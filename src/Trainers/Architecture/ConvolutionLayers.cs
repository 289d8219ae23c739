using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>A 2-D convolution over (channels, height, width).</summary>
/// <param name="InChannels">Channels received.</param>
/// <param name="OutChannels">Channels produced.</param>
/// <param name="Kernel">Square kernel size.</param>
/// <param name="Stride">Step between kernel positions.</param>
/// <param name="Padding">Zeros added on each side.</param>
public sealed record Conv2dLayer(int InChannels, int OutChannels, int Kernel, int Stride = 1, int Padding = 0) : AutoencoderLayer
{
    /// <summary>The spatial size a convolution of these settings gives from <paramref name="size"/>.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding) => (size + 2 * padding - kernel) / stride + 1;

    internal override long StateValues => ((long)InChannels * Kernel * Kernel + 1) * OutChannels;

    internal override int[] OutputShapeFor(int[] input)
    {
        var name = $"conv2d {InChannels} -> {OutChannels}";
        ConvolutionChecks.Require(input, InChannels, Kernel, Stride, Padding, name);
        return ConvolutionChecks.Spatial(OutChannels, OutputSize(input[1], Kernel, Stride, Padding), OutputSize(input[2], Kernel, Stride, Padding), name);
    }

    internal override JsonObject ToJson() => new()
    {
        ["kind"] = "conv2d", ["in_channels"] = InChannels, ["out_channels"] = OutChannels, ["kernel"] = Kernel, ["stride"] = Stride, ["padding"] = Padding,
    };
}

/// <summary>A 2-D transposed convolution, growing (height, width) back towards the input size.</summary>
/// <param name="InChannels">Channels received.</param>
/// <param name="OutChannels">Channels produced.</param>
/// <param name="Kernel">Square kernel size.</param>
/// <param name="Stride">Growth step.</param>
/// <param name="Padding">Cropped from each side.</param>
/// <param name="OutputPadding">Added to one side of the output, below <paramref name="Stride"/>.</param>
public sealed record ConvTranspose2dLayer(int InChannels, int OutChannels, int Kernel, int Stride = 1, int Padding = 0, int OutputPadding = 0) : AutoencoderLayer
{
    /// <summary>The spatial size a transposed convolution of these settings gives from <paramref name="size"/>.</summary>
    public static int OutputSize(int size, int kernel, int stride, int padding, int outputPadding) =>
        (size - 1) * stride - 2 * padding + kernel + outputPadding;

    internal override long StateValues => (long)InChannels * OutChannels * Kernel * Kernel + OutChannels;

    internal override int[] OutputShapeFor(int[] input)
    {
        var name = $"conv_transpose2d {InChannels} -> {OutChannels}";
        ConvolutionChecks.Require(input, InChannels, Kernel, Stride, Padding, name);
        if (OutputPadding < 0 || OutputPadding >= Stride)
        {
            throw new ArgumentException($"{name}: output padding {OutputPadding} must be in [0, stride)");
        }

        return ConvolutionChecks.Spatial(OutChannels, OutputSize(input[1], Kernel, Stride, Padding, OutputPadding),
            OutputSize(input[2], Kernel, Stride, Padding, OutputPadding), name);
    }

    internal override JsonObject ToJson() => new()
    {
        ["kind"] = "conv_transpose2d", ["in_channels"] = InChannels, ["out_channels"] = OutChannels, ["kernel"] = Kernel,
        ["stride"] = Stride, ["padding"] = Padding, ["output_padding"] = OutputPadding,
    };
}

/// <summary>2-D max pooling.</summary>
/// <param name="Kernel">Square window size.</param>
/// <param name="Stride">Step between windows.</param>
public sealed record MaxPool2dLayer(int Kernel, int Stride) : AutoencoderLayer
{
    internal override int[] OutputShapeFor(int[] input)
    {
        RequireRank(input, 3, "max_pool2d");
        if (Kernel < 1 || Stride < 1)
        {
            throw new ArgumentException("max_pool2d needs a positive kernel and stride");
        }

        return ConvolutionChecks.Spatial(input[0], Conv2dLayer.OutputSize(input[1], Kernel, Stride, 0), Conv2dLayer.OutputSize(input[2], Kernel, Stride, 0), "max_pool2d");
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "max_pool2d", ["kernel"] = Kernel, ["stride"] = Stride };
}

/// <summary>Flattens (channels, height, width) into one vector.</summary>
public sealed record FlattenLayer : AutoencoderLayer
{
    internal override int[] OutputShapeFor(int[] input)
    {
        RequireRank(input, 3, "flatten");
        return [input[0] * input[1] * input[2]];
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "flatten" };
}

/// <summary>Reshapes a vector into (channels, height, width).</summary>
/// <param name="Channels">Channels.</param>
/// <param name="Height">Rows of pixels.</param>
/// <param name="Width">Columns of pixels.</param>
public sealed record UnflattenLayer(int Channels, int Height, int Width) : AutoencoderLayer
{
    internal override int[] OutputShapeFor(int[] input)
    {
        RequireRank(input, 1, "unflatten");
        if (Channels < 1 || Height < 1 || Width < 1 || (long)Channels * Height * Width != input[0])
        {
            throw new ArgumentException($"unflatten to ({Channels}, {Height}, {Width}) cannot hold {input[0]} values");
        }

        return [Channels, Height, Width];
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "unflatten", ["channels"] = Channels, ["height"] = Height, ["width"] = Width };
}

/// <summary>Crops or zero-pads (height, width) to a size: the "trim" back to the input's size.</summary>
/// <param name="Height">Rows of pixels produced.</param>
/// <param name="Width">Columns of pixels produced.</param>
public sealed record Resize2dLayer(int Height, int Width) : AutoencoderLayer
{
    internal override int[] OutputShapeFor(int[] input)
    {
        RequireRank(input, 3, "resize2d");
        return ConvolutionChecks.Spatial(input[0], Height, Width, "resize2d");
    }

    internal override JsonObject ToJson() => new() { ["kind"] = "resize2d", ["height"] = Height, ["width"] = Width };
}

internal static class ConvolutionChecks
{
    public static void Require(int[] input, int inChannels, int kernel, int stride, int padding, string name)
    {
        AutoencoderLayer.RequireRank(input, 3, name);
        if (kernel < 1 || stride < 1 || padding < 0)
        {
            throw new ArgumentException($"{name} needs a positive kernel and stride and no negative padding");
        }

        if (input[0] != inChannels)
        {
            throw new ArgumentException($"{name} takes {inChannels} channels but receives {input[0]}");
        }
    }

    public static int[] Spatial(int channels, int height, int width, string name) =>
        channels >= 1 && height >= 1 && width >= 1 ? [channels, height, width]
            : throw new ArgumentException($"{name} leaves no spatial extent ({channels}, {height}, {width})");
}
