namespace Autoencoders.Visualization;

/// <summary>
/// Grids of images as PNG (or any format OpenCV writes): originals above their reconstructions, or
/// images beside their anomaly heat maps.
/// </summary>
public static class Pictures
{
    private const int Gap = 2;
    private const byte Background = 64;

    /// <summary>
    /// Writes a grid: each of <paramref name="rows"/> is one line of images (its rows being images of
    /// <paramref name="shape"/>), values mapped from [<paramref name="min"/>, <paramref name="max"/>]
    /// to black..white, each image enlarged <paramref name="scale"/> times, with a 2-pixel gap.
    /// </summary>
    /// <param name="path">The file; its extension picks the format (.png recommended).</param>
    /// <param name="rows">Lines of images, e.g. originals, then their reconstructions.</param>
    /// <param name="shape">The shape of each image: 1 channel (grey) or 3 (red, green, blue planes).</param>
    /// <param name="scale">How many screen pixels each image pixel becomes. Defaults to 3.</param>
    /// <param name="min">The value drawn black. Defaults to 0.</param>
    /// <param name="max">The value drawn white. Defaults to 1.</param>
    public static void SaveImageGrid(string path, IReadOnlyList<FeatureMatrix> rows, ImageShape shape, int scale = 3, float min = 0f, float max = 1f)
    {
        ArgumentNullException.ThrowIfNull(rows);
        RequireDrawable(shape, scale);
        if (rows.Count == 0 || rows.Any(row => row is null || row.Columns != shape.Size || row.Rows == 0))
        {
            throw new ArgumentException($"Give at least one line, each holding images of {shape.Size} values.", nameof(rows));
        }

        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "max must be above min.");
        }

        var grid = new Grid(rows.Count, rows.Max(row => row.Rows), shape, scale, shape.Channels);
        for (var line = 0; line < rows.Count; line++)
        for (var image = 0; image < rows[line].Rows; image++)
        {
            var values = rows[line].Row(image).ToArray();
            grid.Draw(line, image, (pixel, channel) => Level(values[channel * shape.Height * shape.Width + pixel], min, max));
        }

        grid.Save(path);
    }

    /// <summary>
    /// Writes the images side by side on the first line; beneath each, the image under its anomaly
    /// map in colour (dark blue where the map is 0, through green and yellow, to dark red at
    /// <paramref name="mapMax"/> and above); and on a third line, where <paramref name="masks"/> are
    /// given, the true defect masks (white where the defect is). Each image is enlarged
    /// <paramref name="scale"/> times, with a 2-pixel gap.
    /// </summary>
    /// <param name="path">The file; its extension picks the format (.png recommended).</param>
    /// <param name="images">The images, one per row, of <paramref name="shape"/>, values in [0, 1].</param>
    /// <param name="maps">One anomaly map per image: height x width values, row after row (what <c>ml.Transforms.AnomalyMap</c> makes).</param>
    /// <param name="shape">The shape of each image: 1 channel (grey) or 3 (red, green, blue planes).</param>
    /// <param name="mapMax">The map value drawn red: one value for all images, so that colours compare across them.</param>
    /// <param name="masks">Optional true masks, one per image, height x width values (nonzero = defect).</param>
    /// <param name="scale">How many screen pixels each image pixel becomes. Defaults to 4.</param>
    public static void SaveHeatMaps(string path, FeatureMatrix images, FeatureMatrix maps, ImageShape shape, float mapMax, FeatureMatrix? masks = null, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(maps);
        RequireDrawable(shape, scale);
        var pixels = shape.Height * shape.Width;
        if (images.Rows == 0 || images.Columns != shape.Size)
        {
            throw new ArgumentException($"Give at least one image of {shape.Size} values per row; there are {images.Rows} rows of {images.Columns}.", nameof(images));
        }

        foreach (var (matrix, name) in new[] { (maps, nameof(maps)), (masks, nameof(masks)) })
        {
            if (matrix is not null && (matrix.Rows != images.Rows || matrix.Columns != pixels))
            {
                throw new ArgumentException($"{name} needs one row of {pixels} values per image; it has {matrix.Rows} rows of {matrix.Columns}.", name);
            }
        }

        if (!(mapMax > 0 && float.IsFinite(mapMax)))
        {
            throw new ArgumentOutOfRangeException(nameof(mapMax), mapMax, "The map value drawn red must be positive and finite.");
        }

        var grid = new Grid(masks is null ? 2 : 3, images.Rows, shape, scale, 3);
        for (var column = 0; column < images.Rows; column++)
        {
            var (image, map) = (images.Row(column).ToArray(), maps.Row(column).ToArray());
            byte Grey(int pixel, int channel) => Level(image[(shape.Channels == 1 ? 0 : channel) * pixels + pixel], 0f, 1f);
            grid.Draw(0, column, Grey);
            grid.Draw(1, column, (pixel, channel) => (byte)((Grey(pixel, channel) + Heat(map[pixel] / mapMax, channel)) / 2));
            if (masks is not null)
            {
                var mask = masks.Row(column).ToArray();
                grid.Draw(2, column, (pixel, _) => mask[pixel] != 0 ? (byte)255 : (byte)0);
            }
        }

        grid.Save(path);
    }

    private static void RequireDrawable(ImageShape shape, int scale)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (shape.Channels is not (1 or 3) || shape.Height < 1 || shape.Width < 1)
        {
            throw new ArgumentException($"Images of {shape} cannot be drawn: they need 1 or 3 channels and positive sides.", nameof(shape));
        }
    }

    private static byte Level(float value, float min, float max) => (byte)Math.Clamp((value - min) / (max - min) * 255f, 0f, 255f);

    /// <summary>The jet colour scale: dark blue at 0, blue, cyan, green, yellow, red, dark red at 1 (channel 0 red, 1 green, 2 blue).</summary>
    private static byte Heat(float value, int channel)
    {
        var v = Math.Clamp(float.IsNaN(value) ? 0f : value, 0f, 1f);
        var peak = 3 - channel;
        return (byte)(Math.Clamp(1.5f - Math.Abs(4 * v - peak), 0f, 1f) * 255f);
    }

    /// <summary>A canvas of lines x columns cells, each an image enlarged <c>scale</c> times.</summary>
    private sealed class Grid(int lines, int columns, ImageShape shape, int scale, int channels)
    {
        private readonly int _cellHeight = shape.Height * scale + Gap;
        private readonly int _cellWidth = shape.Width * scale + Gap;
        private readonly int _width = columns * (shape.Width * scale + Gap) + Gap;
        private readonly byte[] _pixels = Filled(lines * (shape.Height * scale + Gap) + Gap, columns * (shape.Width * scale + Gap) + Gap, channels);

        /// <summary>Draws one cell; <paramref name="level"/> gives a pixel's level in a channel (0 red, 1 green, 2 blue; 0 for grey).</summary>
        public void Draw(int line, int column, Func<int, int, byte> level)
        {
            for (var y = 0; y < shape.Height * scale; y++)
            for (var x = 0; x < shape.Width * scale; x++)
            for (var c = 0; c < channels; c++)
            {
                var (top, left) = (Gap + line * _cellHeight + y, Gap + column * _cellWidth + x);
                // OpenCV stores colour as blue, green, red.
                _pixels[(top * _width + left) * channels + (channels - 1 - c)] = level(y / scale * shape.Width + x / scale, c);
            }
        }

        public void Save(string path) => ImageFile.Write(path, _pixels, new ImageLayout(_pixels.Length / channels / _width, _width, channels, 8));

        private static byte[] Filled(int height, int width, int channels)
        {
            var pixels = new byte[height * width * channels];
            Array.Fill(pixels, Background);
            return pixels;
        }
    }
}
