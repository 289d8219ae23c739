using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// The Gaussian smoothing of <see cref="AnomalyScore.SmoothedReconstructionError"/>: the difference
/// between an image and its reconstruction is smoothed, each channel plane alone, with zeros beyond
/// the edges (where image and reconstruction are taken to agree). Smoothing drops the pixel-level
/// detail an autoencoder gives back badly for every image, normal or not (fine texture, noise), and
/// keeps differences that span several pixels: a missing, added or misplaced shape.
/// </summary>
public sealed class ErrorSmoothing
{
    /// <summary>The largest standard deviation, in pixels.</summary>
    public const float MaximumSigma = 1000f;

    private readonly float[] _taps;

    /// <summary>Smoothing for images of <paramref name="shape"/> by a Gaussian of <paramref name="sigma"/> pixels, cut at 3 sigma.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side of the shape is below 1, or sigma is not in (0, <see cref="MaximumSigma"/>].</exception>
    public ErrorSmoothing(ImageShape shape, float sigma)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Channels < 1 || shape.Height < 1 || shape.Width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Every side of the image shape must be at least 1.");
        }

        if (!(sigma > 0f && sigma <= MaximumSigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"The smoothing's standard deviation must be in (0, {MaximumSigma}] pixels.");
        }

        (Shape, Sigma) = (shape, sigma);
        _taps = Taps(sigma, Math.Max(shape.Height, shape.Width) - 1);
    }

    /// <summary>The images' shape.</summary>
    public ImageShape Shape { get; }

    /// <summary>The Gaussian's standard deviation in pixels.</summary>
    public float Sigma { get; }

    /// <summary>
    /// The one-dimensional kernel, applied along rows and along columns: the Gaussian's values at
    /// -r..r pixels, r = ceil(3 sigma), summing to 1, without the taps beyond the image's longer side
    /// (they only ever meet the zeros beyond the edges).
    /// </summary>
    public IReadOnlyList<float> Taps1D => _taps;

    /// <summary>The two-dimensional kernel of one channel, row-major: the outer product of <see cref="Taps1D"/> with itself.</summary>
    internal float[] Kernel2D() => _taps.SelectMany(row => _taps.Select(column => row * column)).ToArray();

    /// <summary>Rows of images (rows x <see cref="ImageShape.Size"/>) smoothed, as a depthwise convolution.</summary>
    internal Tensor Smooth(Tensor rows)
    {
        var (channels, size) = (Shape.Channels, _taps.Length);
        var kernel = tensor(Kernel2D()).reshape(1, 1, size, size).expand(channels, 1, size, size);
        var images = rows.reshape(-1, channels, Shape.Height, Shape.Width);
        return nn.functional.conv2d(images, kernel, padding: [size / 2, size / 2], groups: channels).reshape(rows.shape[0], -1);
    }

    private static float[] Taps(double sigma, int longestReach)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-0.5 * k * k / (sigma * sigma))).ToArray();
        var total = weights.Sum();
        var kept = Math.Min(radius, longestReach);
        return weights.Skip(radius - kept).Take(2 * kept + 1).Select(weight => (float)(weight / total)).ToArray();
    }
}
