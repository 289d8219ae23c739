using ScottPlot;

/// <summary>
/// The highest-scoring test images drawn by ScottPlot as one PNG: each image (top), its anomaly map
/// over it (middle; every map on one scale, its 99.9th percentile at the top of the colour map) and
/// its true mask (bottom, where there are masks).
/// </summary>
internal static class HeatMaps
{
    private const int Gap = 2;

    private const int PixelsPerValue = 4;

    public static void Save(string path, IReadOnlyList<float[]> images, IReadOnlyList<float[]> maps, IReadOnlyList<float[]>? masks, int height, int width)
    {
        var all = maps.SelectMany(map => map).Order().ToArray();
        var top = Math.Max(all[(int)Math.Min(all.Length - 1, 0.999 * all.Length)], float.Epsilon);
        var bands = masks is null ? 2 : 3;
        var mosaic = new double[bands * height + (bands - 1) * Gap, images.Count * width + (images.Count - 1) * Gap];
        for (var y = 0; y < mosaic.GetLength(0); y++)
        {
            for (var x = 0; x < mosaic.GetLength(1); x++)
            {
                mosaic[y, x] = double.NaN;
            }
        }

        for (var i = 0; i < images.Count; i++)
        {
            Draw(mosaic, 0, i * (width + Gap), images[i], height, width, 1);
            Draw(mosaic, height + Gap, i * (width + Gap), maps[i], height, width, top);
            if (masks is not null)
            {
                Draw(mosaic, 2 * (height + Gap), i * (width + Gap), masks[i], height, width, 1);
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(mosaic);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.SavePng(path, mosaic.GetLength(1) * PixelsPerValue, mosaic.GetLength(0) * PixelsPerValue);
    }

    private static void Draw(double[,] mosaic, int top, int left, float[] values, int height, int width, float scale)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                mosaic[top + y, left + x] = Math.Min(1, values[y * width + x] / scale);
            }
        }
    }
}
