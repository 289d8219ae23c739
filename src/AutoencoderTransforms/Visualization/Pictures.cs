namespace Autoencoders.Visualization;

/// <summary>Grids of images as PNG (or any format OpenCV writes), e.g. originals above their reconstructions.</summary>
public static class Pictures
{
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
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (shape.Channels is not (1 or 3) || shape.Height < 1 || shape.Width < 1)
        {
            throw new ArgumentException($"Images of {shape} cannot be drawn: they need 1 or 3 channels and positive sides.", nameof(shape));
        }

        if (rows.Count == 0 || rows.Any(row => row is null || row.Columns != shape.Size || row.Rows == 0))
        {
            throw new ArgumentException($"Give at least one line, each holding images of {shape.Size} values.", nameof(rows));
        }

        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "max must be above min.");
        }

        const int gap = 2;
        var (cellHeight, cellWidth) = (shape.Height * scale + gap, shape.Width * scale + gap);
        var columns = rows.Max(row => row.Rows);
        var (height, width, channels) = (rows.Count * cellHeight + gap, columns * cellWidth + gap, shape.Channels);
        var pixels = new byte[height * width * channels];
        Array.Fill(pixels, (byte)64);
        for (var line = 0; line < rows.Count; line++)
        for (var image = 0; image < rows[line].Rows; image++)
        {
            var values = rows[line].Row(image);
            for (var y = 0; y < shape.Height * scale; y++)
            for (var x = 0; x < shape.Width * scale; x++)
            for (var c = 0; c < channels; c++)
            {
                var value = values[(c * shape.Height + y / scale) * shape.Width + x / scale];
                var level = (byte)Math.Clamp((value - min) / (max - min) * 255f, 0f, 255f);
                var (top, left) = (gap + line * cellHeight + y, gap + image * cellWidth + x);
                // OpenCV stores colour as blue, green, red.
                pixels[(top * width + left) * channels + (channels - 1 - c)] = level;
            }
        }

        ImageFile.Write(path, pixels, new ImageLayout(height, width, channels, 8));
    }
}
