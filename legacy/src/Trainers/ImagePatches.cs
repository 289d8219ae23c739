namespace Autoencoders.Trainers;

/// <summary>
/// Square patches of images stored as channel planes (rows of channels x height x width values):
/// for learning large images a patch at a time instead of resizing them, and for putting per-patch
/// results (errors, reconstructions) back together at full size.
/// </summary>
public static class ImagePatches
{
    /// <summary>
    /// The top-left corners of the patches that cover an image: every <paramref name="stride"/>
    /// pixels down and across, plus one flush with the bottom or right edge where the strides do not
    /// end there, so every pixel is in at least one patch. Row after row of corners.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The patch is larger than the image, or a size is not positive.</exception>
    public static IReadOnlyList<(int Top, int Left)> Corners(int height, int width, int size, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (size > height || size > width)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Patches of {size} x {size} do not fit images of {height} x {width}.");
        }

        static List<int> Starts(int side, int size, int stride)
        {
            var starts = new List<int>();
            for (var start = 0; start + size <= side; start += stride) starts.Add(start);
            if (starts[^1] + size < side) starts.Add(side - size);
            return starts;
        }

        var left = Starts(width, size, stride);
        return Starts(height, size, stride).SelectMany(top => left.Select(x => (top, x))).ToArray();
    }

    /// <summary>
    /// Cuts every image into the patches of <see cref="Corners"/>: one row per patch (channels x
    /// size x size values), image after image.
    /// </summary>
    /// <param name="images">Images of <paramref name="shape"/>, one per row.</param>
    /// <param name="shape">Their channels, height and width.</param>
    /// <param name="size">The patches' side in pixels.</param>
    /// <param name="stride">Pixels between the corners of neighbouring patches; less than <paramref name="size"/> makes them overlap.</param>
    public static FeatureMatrix Split(FeatureMatrix images, ImageShape shape, int size, int stride)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(shape);
        if (images.Columns != shape.Size)
        {
            throw new ArgumentException($"Images of {shape} have {shape.Size} values; the rows have {images.Columns}.", nameof(images));
        }

        var corners = Corners(shape.Height, shape.Width, size, stride);
        var patchSize = shape.Channels * size * size;
        var patches = new float[checked((long)images.Rows * corners.Count * patchSize)];
        for (var image = 0; image < images.Rows; image++)
        {
            var values = images.Row(image);
            for (var patch = 0; patch < corners.Count; patch++)
            {
                var (top, left) = corners[patch];
                var target = patches.AsSpan((image * corners.Count + patch) * patchSize, patchSize);
                for (var channel = 0; channel < shape.Channels; channel++)
                for (var y = 0; y < size; y++)
                {
                    values.Slice((channel * shape.Height + top + y) * shape.Width + left, size).CopyTo(target.Slice((channel * size + y) * size, size));
                }
            }
        }

        return new FeatureMatrix(patches, patchSize);
    }

    /// <summary>
    /// Puts one image's per-patch values (the rows <see cref="Split"/> made of it, or anything laid
    /// out alike: errors, reconstructions) back into an image of <paramref name="shape"/>, averaging
    /// where patches overlap.
    /// </summary>
    /// <param name="patches">One row per patch of the image, in the order of <see cref="Corners"/>.</param>
    /// <param name="shape">The image's channels, height and width.</param>
    /// <param name="size">The patches' side in pixels.</param>
    /// <param name="stride">The stride they were cut with.</param>
    public static float[] Stitch(FeatureMatrix patches, ImageShape shape, int size, int stride)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentNullException.ThrowIfNull(shape);
        var corners = Corners(shape.Height, shape.Width, size, stride);
        if (patches.Rows != corners.Count || patches.Columns != shape.Channels * size * size)
        {
            throw new ArgumentException(
                $"An image of {shape} makes {corners.Count} patches of {shape.Channels * size * size} values; there are {patches.Rows} rows of {patches.Columns}.",
                nameof(patches));
        }

        var sums = new float[shape.Size];
        var counts = new int[shape.Height * shape.Width];
        for (var patch = 0; patch < corners.Count; patch++)
        {
            var (top, left) = corners[patch];
            var values = patches.Row(patch);
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                counts[(top + y) * shape.Width + left + x]++;
                for (var channel = 0; channel < shape.Channels; channel++)
                {
                    sums[(channel * shape.Height + top + y) * shape.Width + left + x] += values[(channel * size + y) * size + x];
                }
            }
        }

        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] /= counts[i % counts.Length];
        }

        return sums;
    }
}
