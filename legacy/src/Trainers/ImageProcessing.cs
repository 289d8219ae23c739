using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// Image processing through OpenCV: resizing and greying pixels, and the per-pixel anomaly maps
/// (smoothed errors, structural dissimilarity).
/// </summary>
public static class ImageProcessing
{
    /// <summary>
    /// Resizes rectangle <paramref name="from"/> of an image onto rectangle <paramref name="to"/> of
    /// <paramref name="target"/> (same channels and bits); target pixels outside <paramref name="to"/>
    /// are left as they are. Shrinking averages areas; enlarging is bilinear.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer does not match its layout, the layouts differ in channels or bits, or a rectangle leaves its image.</exception>
    public static unsafe void Resize(ReadOnlySpan<byte> pixels, ImageLayout layout, PixelRectangle from, Span<byte> target, ImageLayout targetLayout, PixelRectangle to)
    {
        layout.RequireLength(pixels.Length, nameof(pixels));
        targetLayout.RequireLength(target.Length, nameof(target));
        if (layout.Channels != targetLayout.Channels || layout.BitsPerSample != targetLayout.BitsPerSample)
        {
            throw new ArgumentException($"Resizing keeps channels and bits: {layout} cannot become {targetLayout}.", nameof(targetLayout));
        }

        from.RequireInside(layout, nameof(from));
        to.RequireInside(targetLayout, nameof(to));
        TorchRuntime.EnsureInitialized();
        fixed (byte* source = pixels)
        fixed (byte* destination = target)
        {
            NativeStatus.Check(ImageNativeMethods.Resize(source, layout.Height, layout.Width, layout.Channels, layout.BitsPerSample,
                from.X, from.Y, from.Width, from.Height, destination, targetLayout.Height, targetLayout.Width, to.X, to.Y, to.Width, to.Height));
        }
    }

    /// <summary>The one-channel grey pixels of an image: 0.299 red + 0.587 green + 0.114 blue, alpha dropped, same bits.</summary>
    /// <exception cref="ArgumentException">The pixels do not match the layout.</exception>
    public static unsafe byte[] ToGrayscale(ReadOnlySpan<byte> pixels, ImageLayout layout)
    {
        layout.RequireLength(pixels.Length, nameof(pixels));
        var grey = new byte[layout.Height * layout.Width * layout.BitsPerSample / 8];
        TorchRuntime.EnsureInitialized();
        fixed (byte* source = pixels)
        fixed (byte* destination = grey)
        {
            NativeStatus.Check(ImageNativeMethods.Grayscale(source, layout.Height, layout.Width, layout.Channels, layout.BitsPerSample, destination));
        }

        return grey;
    }

    /// <summary>Smooths a <paramref name="height"/> x <paramref name="width"/> map in place with a Gaussian of <paramref name="sigma"/> pixels, edges reflected.</summary>
    /// <exception cref="ArgumentException">The map does not hold height x width values, or sigma is not in (0, 1000].</exception>
    public static unsafe void Smooth(Span<float> map, int height, int width, double sigma)
    {
        new ImageLayout(height, width, 1, 8).Validate();
        if (map.Length != height * width)
        {
            throw new ArgumentException($"{map.Length} values do not make a {height} x {width} map.", nameof(map));
        }

        RequireSigma(sigma, allowNone: false, nameof(sigma));

        TorchRuntime.EnsureInitialized();
        fixed (float* values = map)
        {
            NativeStatus.Check(ImageNativeMethods.Smooth(values, height, width, sigma));
        }
    }

    /// <summary>
    /// Writes into <paramref name="map"/> the anomaly map of one image's per-value errors: their mean
    /// over the channels at each pixel, smoothed with a Gaussian of <paramref name="sigma"/> pixels
    /// (0 for none), edges reflected.
    /// </summary>
    /// <param name="errors">The errors: channel planes of <paramref name="shape"/>.</param>
    /// <param name="shape">The image's shape.</param>
    /// <param name="map">Height x width values, row after row.</param>
    /// <param name="sigma">The smoothing in pixels, in [0, 1000].</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or sigma is out of range.</exception>
    public static void ErrorMap(ReadOnlySpan<float> errors, ImageShape shape, Span<float> map, double sigma)
    {
        RequireMapShape(shape, maximumChannels: int.MaxValue);
        var pixels = shape.Height * shape.Width;
        if (errors.Length != shape.Size || map.Length != pixels)
        {
            throw new ArgumentException($"Errors of {shape} need {shape.Size} values and a map of {pixels}; got {errors.Length} and {map.Length}.");
        }

        RequireSigma(sigma, allowNone: true, nameof(sigma));

        map.Clear();
        for (var channel = 0; channel < shape.Channels; channel++)
        for (var pixel = 0; pixel < pixels; pixel++)
        {
            map[pixel] += errors[channel * pixels + pixel] / shape.Channels;
        }

        if (sigma > 0)
        {
            Smooth(map, shape.Height, shape.Width, sigma);
        }
    }

    /// <summary>
    /// Writes into <paramref name="map"/> the structural dissimilarity of <paramref name="image"/> and
    /// <paramref name="reconstruction"/> at each pixel: 1 - SSIM (Wang et al. 2004) over Gaussian
    /// windows of <paramref name="sigma"/> pixels, for values in [0, 1], averaged over channels; 0
    /// where the two agree in local mean, contrast and structure, up to 2.
    /// </summary>
    /// <param name="image">The image: channel planes of <paramref name="shape"/>.</param>
    /// <param name="reconstruction">The same image as a model gives it back.</param>
    /// <param name="shape">The images' shape (1 to 4 channel planes, as ExtractPixels makes).</param>
    /// <param name="map">Height x width values, row after row.</param>
    /// <param name="sigma">The windows' standard deviation in pixels, in (0, 1000]. Wang et al. use 1.5.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, or sigma is out of range.</exception>
    public static unsafe void StructuralDissimilarity(ReadOnlySpan<float> image, ReadOnlySpan<float> reconstruction, ImageShape shape, Span<float> map, double sigma = 1.5)
    {
        RequireMapShape(shape, DissimilarityMaximumChannels);
        if (image.Length != shape.Size || reconstruction.Length != shape.Size || map.Length != shape.Height * shape.Width)
        {
            throw new ArgumentException(
                $"Images of {shape} need {shape.Size} values each and a map of {shape.Height * shape.Width}; got {image.Length}, {reconstruction.Length} and {map.Length}.");
        }

        RequireSigma(sigma, allowNone: false, nameof(sigma));

        TorchRuntime.EnsureInitialized();
        fixed (float* x = image)
        fixed (float* y = reconstruction)
        fixed (float* output = map)
        {
            NativeStatus.Check(ImageNativeMethods.Dissimilarity(x, y, shape.Height, shape.Width, shape.Channels, sigma, output));
        }
    }

    /// <summary>The most channel planes <see cref="StructuralDissimilarity"/> compares (ExtractPixels makes at most four).</summary>
    internal const int DissimilarityMaximumChannels = 4;

    /// <summary>Checks that images of <paramref name="shape"/> can be mapped: sides of 1 to <see cref="ImageLayout.MaximumSide"/>, 1 to <paramref name="maximumChannels"/> channel planes.</summary>
    internal static void RequireMapShape(ImageShape shape, int maximumChannels)
    {
        ArgumentNullException.ThrowIfNull(shape);
        new ImageLayout(shape.Height, shape.Width, 1, 8).Validate();
        if (shape.Channels < 1 || shape.Channels > maximumChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape.Channels,
                maximumChannels == int.MaxValue ? $"Images of {shape} need at least one channel." : $"Images of {shape} need 1 to {maximumChannels} channels.");
        }
    }

    /// <summary>Checks a Gaussian's standard deviation in pixels: (0, 1000], or 0 for none where <paramref name="allowNone"/>.</summary>
    internal static void RequireSigma(double sigma, bool allowNone, string parameterName)
    {
        if (!(sigma > 0 || (allowNone && sigma == 0)) || sigma > 1000)
        {
            throw new ArgumentOutOfRangeException(parameterName, sigma, allowNone ? "The smoothing is 0 (none) to 1000 pixels." : "It must be in (0, 1000] pixels.");
        }
    }
}
