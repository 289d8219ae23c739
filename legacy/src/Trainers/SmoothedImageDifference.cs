namespace Autoencoders.Trainers;

/// <summary>
/// The difference between images and their reconstructions after both are smoothed by the same
/// Gaussian, each channel plane alone, with zeros beyond the edges (where image and reconstruction
/// are taken to agree). Smoothing drops the pixel-level detail that an autoencoder gives back badly
/// for every image, normal or not (fine texture, noise), and keeps differences that span several
/// pixels: a missing, added or misplaced shape.
/// </summary>
public sealed class SmoothedImageDifference
{
    private readonly float[] _taps;

    /// <summary>Smoothing for images of <paramref name="shape"/> by a Gaussian of <paramref name="sigma"/> pixels.</summary>
    /// <param name="shape">The images' shape: channel planes, as <c>ExtractPixels</c> makes them.</param>
    /// <param name="sigma">The Gaussian's standard deviation in pixels, in (0, 1000]; it is cut at 3 sigma.</param>
    /// <exception cref="ArgumentException">The shape has no channel or a side out of range, or sigma is out of range.</exception>
    public SmoothedImageDifference(ImageShape shape, float sigma)
    {
        ImageProcessing.RequireMapShape(shape, maximumChannels: int.MaxValue);
        ImageProcessing.RequireSigma(sigma, allowNone: false, nameof(sigma));
        (Shape, Sigma) = (shape, sigma);
        _taps = Taps(sigma, Math.Max(shape.Height, shape.Width) - 1);
    }

    /// <summary>The images' shape.</summary>
    public ImageShape Shape { get; }

    /// <summary>The Gaussian's standard deviation in pixels.</summary>
    public float Sigma { get; }

    /// <summary>
    /// The one-dimensional kernel, applied along rows and then along columns: the Gaussian's values
    /// at -r..r pixels, r = ceil(3 sigma), summing to 1, without the taps beyond the image's longer
    /// side (they only ever meet the zeros beyond the edges).
    /// </summary>
    public ReadOnlySpan<float> Kernel => _taps;

    /// <summary>
    /// The squared smoothed difference at every value of every image (rows x <see cref="ImageShape.Size"/>,
    /// row-major): the mean of a row's values is its smoothed mean squared reconstruction error.
    /// </summary>
    /// <exception cref="ArgumentException">The matrices do not both hold rows of <see cref="Shape"/>.</exception>
    public float[] SquaredErrors(FeatureMatrix images, FeatureMatrix reconstructions)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(reconstructions);
        if (images.Columns != Shape.Size || reconstructions.Columns != Shape.Size || images.Rows != reconstructions.Rows)
        {
            throw new ArgumentException(
                $"Images of {Shape} need {Shape.Size} values a row in both matrices, with as many rows; got {images.Rows} x {images.Columns} and {reconstructions.Rows} x {reconstructions.Columns}.");
        }

        var (height, width) = (Shape.Height, Shape.Width);
        var plane = height * width;
        var errors = new float[images.Values.Length];
        var difference = new float[plane];
        var alongRows = new float[plane];
        var smoothed = new float[plane];
        var x = images.Values;
        var y = reconstructions.Values;
        for (var start = 0; start < errors.Length; start += plane)
        {
            for (var i = 0; i < plane; i++)
            {
                difference[i] = x[start + i] - y[start + i];
            }

            Smooth(difference, alongRows, lines: height, lineStep: width, length: width, step: 1);
            Smooth(alongRows, smoothed, lines: width, lineStep: 1, length: height, step: width);
            for (var i = 0; i < plane; i++)
            {
                errors[start + i] = smoothed[i] * smoothed[i];
            }
        }

        return errors;
    }

    /// <summary>
    /// Convolves each of <paramref name="lines"/> lines of <paramref name="length"/> values (the
    /// first at lineStep x line, the next value <paramref name="step"/> further) with the kernel,
    /// taking zeros beyond the line's ends.
    /// </summary>
    private void Smooth(float[] source, float[] target, int lines, int lineStep, int length, int step)
    {
        var radius = _taps.Length / 2;
        for (var line = 0; line < lines; line++)
        for (var at = 0; at < length; at++)
        {
            double sum = 0;
            for (int k = Math.Max(-radius, -at), last = Math.Min(radius, length - 1 - at); k <= last; k++)
            {
                sum += _taps[k + radius] * source[line * lineStep + (at + k) * step];
            }

            target[line * lineStep + at * step] = (float)sum;
        }
    }

    private static float[] Taps(double sigma, int longestReach)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var weights = new double[2 * radius + 1];
        for (var k = -radius; k <= radius; k++)
        {
            weights[k + radius] = Math.Exp(-0.5 * k * k / (sigma * sigma));
        }

        var total = weights.Sum();
        var kept = Math.Min(radius, longestReach);
        return weights.Skip(radius - kept).Take(2 * kept + 1).Select(weight => (float)(weight / total)).ToArray();
    }
}
