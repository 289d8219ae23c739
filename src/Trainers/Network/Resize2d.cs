using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>Crops or zero-pads images (N, C, H, W) at the bottom and right to <paramref name="height"/> x <paramref name="width"/>.</summary>
internal sealed class Resize2d(long height, long width) : nn.Module<Tensor, Tensor>(nameof(Resize2d))
{
    public override Tensor forward(Tensor input)
    {
        var output = input.narrow(2, 0, Math.Min(input.shape[2], height)).narrow(3, 0, Math.Min(input.shape[3], width));
        var (padHeight, padWidth) = (Math.Max(0, height - input.shape[2]), Math.Max(0, width - input.shape[3]));
        return padHeight == 0 && padWidth == 0 ? output : nn.functional.pad(output, [0, padWidth, 0, padHeight]);
    }
}
