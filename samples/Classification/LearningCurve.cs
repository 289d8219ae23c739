using ScottPlot;

/// <summary>
/// The <c>--full</c> sweep drawn by ScottPlot: accuracy against labelled images per class (a
/// logarithmic axis), one line per method, with bars spanning the label draws where there are several.
/// </summary>
internal static class LearningCurve
{
    /// <summary>One method's accuracies at one count of labelled images per class, one per label draw.</summary>
    public sealed record Point(string Method, int LabelsPerClass, IReadOnlyList<double> Accuracies);

    /// <summary>Writes the curve of <paramref name="points"/> to <paramref name="path"/>, whose extension (.svg, .png, ...) picks the format.</summary>
    public static void Save(string path, IReadOnlyList<Point> points, string title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (method, index) in points.GroupBy(point => point.Method).Select((method, index) => (method, index)))
        {
            var sweep = method.OrderBy(point => point.LabelsPerClass).ToArray();
            var xs = sweep.Select(point => Math.Log10(point.LabelsPerClass)).ToArray();
            var means = sweep.Select(point => point.Accuracies.Average()).ToArray();
            // Past the palette's ten colours, black lines with square markers.
            var pastPalette = index >= palette.Colors.Length;
            var line = plot.Add.Scatter(xs, means, pastPalette ? Colors.Black : palette.GetColor(index));
            line.LegendText = method.Key;
            line.MarkerShape = pastPalette ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
            var bars = plot.Add.ErrorBar(xs, means, new double[xs.Length]);
            bars.Color = line.Color;
            bars.YErrorPositive = sweep.Select((point, i) => point.Accuracies.Max() - means[i]).ToArray();
            bars.YErrorNegative = sweep.Select((point, i) => means[i] - point.Accuracies.Min()).ToArray();
        }

        var counts = points.Select(point => point.LabelsPerClass).Distinct().Order().ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(counts.Select(count => Math.Log10(count)).ToArray(), counts.Select(count => $"{count:N0}").ToArray());
        plot.XLabel("labelled images per class");
        plot.YLabel("test accuracy");
        plot.Title(title);
        plot.ShowLegend(Edge.Right);
        plot.Save(path, 1200, 600);
    }
}
