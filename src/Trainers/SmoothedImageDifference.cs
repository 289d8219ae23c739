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
        var radius = _taps.Length / 2;
        var x = images.Values;
        var y = reconstructions.Values;
        for (var start = 0; start < errors.Length; start += plane)
        {
            for (var i = 0; i < plane; i++)
            {
                difference[i] = x[start + i] - y[start + i];
            }

            for (var row = 0; row < height; row++)
            for (var column = 0; column < width; column++)
            {
                double sum = 0;
                for (int k = Math.Max(-radius, -column), last = Math.Min(radius, width - 1 - column); k <= last; k++)
                {
                    sum += _taps[k + radius] * difference[row * width + column + k];
                }

                alongRows[row * width + column] = (float)sum;
            }

            for (var row = 0; row < height; row++)
            for (var column = 0; column < width; column++)
            {
                double sum = 0;
                for (int k = Math.Max(-radius, -row), last = Math.Min(radius, height - 1 - row); k <= last; k++)
                {
                    sum += _taps[k + radius] * alongRows[(row + k) * width + column];
                }

                errors[start + row * width + column] = (float)(sum * sum);
            }
        }

        return errors;
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
