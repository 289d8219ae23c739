namespace Autoencoders.Trainers;

/// <summary>
/// Label-preserving changes of image rows, to make more labelled examples out of few: shifts by
/// whole pixels and left-right mirroring, every channel alike.
/// </summary>
public static class ImageAugmentation
{
    /// <summary>
    /// Each row of <paramref name="images"/> moved <paramref name="right"/> pixels to the right and
    /// <paramref name="down"/> pixels down (negative values move left and up); pixels moved in
    /// from outside the image are 0.
    /// </summary>
    /// <exception cref="ArgumentException">The rows do not hold <paramref name="shape"/>.</exception>
    public static FeatureMatrix Shift(FeatureMatrix images, ImageShape shape, int right, int down) =>
        Remap(images, shape, (y, x) => (y - down, x - right));

    /// <summary>Each row of <paramref name="images"/> mirrored left to right.</summary>
    /// <exception cref="ArgumentException">The rows do not hold <paramref name="shape"/>.</exception>
    public static FeatureMatrix Mirror(FeatureMatrix images, ImageShape shape) =>
        Remap(images, shape, (y, x) => (y, shape.Width - 1 - x));

    /// <summary>Each pixel of every plane taken from <paramref name="source"/>'s (y, x) in the same plane; 0 where that lies outside.</summary>
    internal static FeatureMatrix Remap(FeatureMatrix images, ImageShape shape, Func<int, int, (int Y, int X)> source)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.Holds(images.Columns))
        {
            throw new ArgumentException($"{shape} does not describe rows of {images.Columns} values.", nameof(shape));
        }

        var (height, width) = (shape.Height, shape.Width);
        var moved = new float[images.Values.Length];
        var values = images.Values;
        for (var plane = 0; plane < images.Rows * shape.Channels; plane++)
        {
            var offset = plane * height * width;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var (fromY, fromX) = source(y, x);
                    if (fromY >= 0 && fromY < height && fromX >= 0 && fromX < width)
                    {
                        moved[offset + y * width + x] = values[offset + fromY * width + fromX];
                    }
                }
            }
        }

        return new FeatureMatrix(moved, images.Columns);
    }
}
