using System.Globalization;
using System.Security;
using System.Text;

namespace Autoencoders.Visualization;

/// <summary>
/// Charts as SVG: training loss curves, 2-D scatter plots of codes, ROC curves, score histograms and
/// learning curves. Each method returns the markup (to embed in a page); each Save method writes it to a file.
/// </summary>
public static class Charts
{
    private const int Width = 640, Height = 420, Margin = 56;
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Training (and, when recorded, validation) loss per epoch.</summary>
    public static string LossCurve(IReadOnlyList<EpochProgress> history, string title = "Training loss")
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException("There are no epochs to draw.", nameof(history));
        }

        var series = new List<(string, IReadOnlyList<(double, double)>)> { ("training", history.Select(e => ((double)e.Epoch, (double)e.TrainingLoss)).ToArray()) };
        if (history.All(e => e.ValidationLoss is not null))
        {
            series.Add(("validation", history.Select(e => ((double)e.Epoch, (double)e.ValidationLoss!.Value)).ToArray()));
        }

        return LineChart(title, "epoch", "loss", series);
    }

    /// <summary>Writes <see cref="LossCurve"/>'s chart to <paramref name="path"/> as an SVG file.</summary>
    public static void SaveLossCurve(string path, IReadOnlyList<EpochProgress> history, string title = "Training loss") =>
        Write(path, LossCurve(history, title));

    /// <summary>
    /// Points coloured by label. Codes wider than 2 are first projected onto their two principal
    /// components (the axes then say so).
    /// </summary>
    public static string Scatter(FeatureMatrix codes, IReadOnlyList<int> labels, string title = "Codes")
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(labels);
        if (codes.Rows != labels.Count || codes.Rows < 2 || codes.Columns < 2)
        {
            throw new ArgumentException($"Give at least 2 codes of width 2 or more and one label each ({codes.Rows} codes, {labels.Count} labels).", nameof(labels));
        }

        var projected = codes.Columns == 2 ? codes : PrincipalComponents.Fit(codes, 2).Project(codes);
        var (xLabel, yLabel) = codes.Columns == 2 ? ("code 1", "code 2") : ("principal component 1", "principal component 2");
        var points = Enumerable.Range(0, projected.Rows).Select(row => ((double)projected.Row(row)[0], (double)projected.Row(row)[1])).ToArray();
        var frame = new Frame(points.Select(p => p.Item1), points.Select(p => p.Item2));
        var svg = frame.Begin(title, xLabel, yLabel);
        for (var i = 0; i < points.Length; i++)
        {
            svg.Append(Invariant($"<circle cx=\"{frame.X(points[i].Item1):F1}\" cy=\"{frame.Y(points[i].Item2):F1}\" r=\"2\" fill=\"{Palette[((labels[i] % 10) + 10) % 10]}\" fill-opacity=\"0.6\"/>"));
        }

        var legend = labels.Distinct().Order().Select(label => (label.ToString(CultureInfo.InvariantCulture), Palette[((label % 10) + 10) % 10])).ToArray();
        return frame.End(svg, legend);
    }

    /// <summary>Writes <see cref="Scatter"/>'s chart to <paramref name="path"/> as an SVG file.</summary>
    public static void SaveScatter(string path, FeatureMatrix codes, IReadOnlyList<int> labels, string title = "Codes") =>
        Write(path, Scatter(codes, labels, title));

    /// <summary>The ROC curve of <paramref name="scores"/> (higher = more likely positive) against <paramref name="labels"/>, with its area.</summary>
    public static string RocCurve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, string title = "ROC curve")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        var ranks = new RankStatistics(labels, scores, "The labels", "the scores");
        var area = ranks.AreaUnderRocCurve();
        return LineChart(Invariant($"{title} (AUROC {area:F4})"), "false positive rate", "true positive rate",
            [("ROC", ranks.RocCurve()), ("chance", [(0, 0), (1, 1)])], fixedUnitSquare: true);
    }

    /// <summary>Writes <see cref="RocCurve"/>'s chart to <paramref name="path"/> as an SVG file.</summary>
    public static void SaveRocCurve(string path, IReadOnlyList<bool> labels, IReadOnlyList<float> scores, string title = "ROC curve") =>
        Write(path, RocCurve(labels, scores, title));

    /// <summary>
    /// A histogram of anomaly scores with the decision threshold as a dashed line; with labels, each
    /// bar stacks the anomalous rows on the normal ones. Scores above the 99th percentile (or the
    /// threshold, if higher) share the last bar, so a few extreme scores do not squeeze the rest into one.
    /// </summary>
    /// <param name="scores">The rows' scores (higher = more anomalous).</param>
    /// <param name="threshold">The score at and above which rows are flagged.</param>
    /// <param name="labels">Which rows are anomalies, when known.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="bins">The number of bars.</param>
    public static string ScoreHistogram(IReadOnlyList<float> scores, float threshold, IReadOnlyList<bool>? labels = null, string title = "Scores", int bins = 40)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (scores.Count == 0 || scores.Any(score => !float.IsFinite(score)) || !float.IsFinite(threshold) || (labels is not null && labels.Count != scores.Count))
        {
            throw new ArgumentException($"Give at least one score, all finite, a finite threshold and, if any, one label per score ({scores.Count} scores, {labels?.Count} labels).", nameof(scores));
        }

        var sorted = scores.Order().ToArray();
        var low = (double)sorted[0];
        var high = (double)Math.Max(sorted[(int)(0.99 * (sorted.Length - 1))], threshold);
        high = high > low ? high : low + 1;
        var width = (high - low) / bins;
        var counts = new int[2, bins];
        for (var i = 0; i < scores.Count; i++)
        {
            counts[labels?[i] == true ? 1 : 0, Math.Clamp((int)((scores[i] - low) / width), 0, bins - 1)]++;
        }

        var frame = new Frame([low, high], [0, Enumerable.Range(0, bins).Max(bin => counts[0, bin] + counts[1, bin])]);
        var svg = frame.Begin(title, "score", "rows");
        for (var bin = 0; bin < bins; bin++)
        {
            var (left, right) = (frame.X(low + bin * width), frame.X(low + (bin + 1) * width));
            var (normal, anomalous) = (counts[0, bin], counts[1, bin]);
            svg.Append(Invariant($"<rect class=\"bar\" x=\"{left:F1}\" y=\"{frame.Y(normal):F1}\" width=\"{Math.Max(right - left - 1, 1):F1}\" height=\"{frame.Y(0) - frame.Y(normal):F1}\" fill=\"{Palette[0]}\"/>"));
            if (anomalous > 0)
            {
                svg.Append(Invariant($"<rect class=\"bar anomalous\" x=\"{left:F1}\" y=\"{frame.Y(normal + anomalous):F1}\" width=\"{Math.Max(right - left - 1, 1):F1}\" height=\"{frame.Y(normal) - frame.Y(normal + anomalous):F1}\" fill=\"{Palette[3]}\"/>"));
            }
        }

        var x = frame.X(threshold);
        svg.Append(Invariant($"<line class=\"threshold\" x1=\"{x:F1}\" y1=\"{frame.Y(0):F1}\" x2=\"{x:F1}\" y2=\"{Margin}\" stroke=\"#333\" stroke-dasharray=\"6 4\" stroke-width=\"2\"/>"));
        var legend = labels is null ? new[] { ("rows", Palette[0]) } : [("normal", Palette[0]), ("anomaly", Palette[3])];
        return frame.End(svg, [.. legend, (Invariant($"threshold {threshold:G4}"), "#333")]);
    }

    /// <summary>Writes <see cref="ScoreHistogram"/>'s chart to <paramref name="path"/> as an SVG file.</summary>
    public static void SaveScoreHistogram(string path, IReadOnlyList<float> scores, float threshold, IReadOnlyList<bool>? labels = null, string title = "Scores", int bins = 40) =>
        Write(path, ScoreHistogram(scores, threshold, labels, title, bins));

    /// <summary>
    /// A learning curve: a metric against the number of labelled examples, one line per method through
    /// the mean of each count's runs, with a bar from the lowest to the highest run where a count was
    /// run more than once (several label draws). The x axis is logarithmic.
    /// </summary>
    /// <param name="results">One entry per run: the method, its number of labels (positive) and the metric's value.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="xLabel">What the number of labels counts.</param>
    /// <param name="yLabel">The metric's name.</param>
    public static string LearningCurve(IReadOnlyList<(string Method, int Labels, double Value)> results,
        string title = "Accuracy by number of labels", string xLabel = "labels per class", string yLabel = "accuracy")
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0 || results.Any(r => r.Labels <= 0 || !double.IsFinite(r.Value)))
        {
            throw new ArgumentException("Give at least one result, each with a positive number of labels and a finite value.", nameof(results));
        }

        var frame = new Frame(results.Select(r => (double)r.Labels), results.Select(r => r.Value), logarithmicX: true);
        var svg = frame.Begin(title, xLabel, yLabel);
        var methods = results.Select(r => r.Method).Distinct().ToArray();
        for (var i = 0; i < methods.Length; i++)
        {
            var counts = results.Where(r => r.Method == methods[i]).GroupBy(r => r.Labels, r => r.Value).OrderBy(count => count.Key)
                .Select(count => (X: frame.X(count.Key), Mean: frame.Y(count.Average()), Low: frame.Y(count.Min()), High: frame.Y(count.Max()))).ToArray();
            svg.Append($"<polyline points=\"{string.Join(" ", counts.Select(c => Invariant($"{c.X:F1},{c.Mean:F1}")))}\" fill=\"none\" stroke=\"{Palette[i % Palette.Length]}\" stroke-width=\"2\"/>");
            foreach (var count in counts)
            {
                svg.Append(Invariant($"<circle cx=\"{count.X:F1}\" cy=\"{count.Mean:F1}\" r=\"3\" fill=\"{Palette[i % Palette.Length]}\"/>"));
                if (count.Low != count.High)
                {
                    svg.Append(Invariant($"<line class=\"range\" x1=\"{count.X:F1}\" y1=\"{count.Low:F1}\" x2=\"{count.X:F1}\" y2=\"{count.High:F1}\" stroke=\"{Palette[i % Palette.Length]}\"/>"));
                }
            }
        }

        return frame.End(svg, methods.Select((method, i) => (method, Palette[i % Palette.Length])).ToArray(), legendAtBottom: true);
    }

    /// <summary>Writes <see cref="LearningCurve"/>'s chart to <paramref name="path"/> as an SVG file.</summary>
    public static void SaveLearningCurve(string path, IReadOnlyList<(string Method, int Labels, double Value)> results,
        string title = "Accuracy by number of labels", string xLabel = "labels per class", string yLabel = "accuracy") =>
        Write(path, LearningCurve(results, title, xLabel, yLabel));

    private static string LineChart(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series,
        bool fixedUnitSquare = false)
    {
        var frame = fixedUnitSquare ? new Frame([0, 1], [0, 1]) : new Frame(series.SelectMany(s => s.Points.Select(p => p.X)), series.SelectMany(s => s.Points.Select(p => p.Y)));
        var svg = frame.Begin(title, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var points = string.Join(" ", series[i].Points.Select(p => Invariant($"{frame.X(p.X):F1},{frame.Y(p.Y):F1}")));
            svg.Append($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{Palette[i]}\" stroke-width=\"2\"/>");
        }

        return frame.End(svg, series.Select((s, i) => (s.Name, Palette[i])).ToArray());
    }

    private static void Write(string path, string svg)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, svg);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Axes scaled to the data, with ticks, labels and a legend.</summary>
    private sealed class Frame
    {
        private readonly double _xMin, _xMax, _yMin, _yMax;
        private readonly bool _logarithmicX;

        /// <summary>A frame around <paramref name="xs"/> and <paramref name="ys"/>; a logarithmic x axis takes positive values, reaches a tenth of a decade beyond them and is ticked at powers of ten.</summary>
        public Frame(IEnumerable<double> xs, IEnumerable<double> ys, bool logarithmicX = false)
        {
            _logarithmicX = logarithmicX;
            (_xMin, _xMax) = Range(logarithmicX ? xs.Select(Math.Log10) : xs);
            if (logarithmicX)
            {
                (_xMin, _xMax) = (_xMin - 0.1, _xMax + 0.1);
            }

            (_yMin, _yMax) = Range(ys);
        }

        public double X(double x) => Margin + ((_logarithmicX ? Math.Log10(x) : x) - _xMin) / (_xMax - _xMin) * (Width - 2 * Margin);

        public double Y(double y) => Height - Margin - (y - _yMin) / (_yMax - _yMin) * (Height - 2 * Margin);

        public StringBuilder Begin(string title, string xLabel, string yLabel)
        {
            var svg = new StringBuilder(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
            svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{SecurityElement.Escape(title)}</text>"));
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{SecurityElement.Escape(xLabel)}</text>"));
            svg.Append(Invariant($"<text x=\"16\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Height / 2})\">{SecurityElement.Escape(yLabel)}</text>"));
            svg.Append(Invariant($"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{Width - 2 * Margin}\" height=\"{Height - 2 * Margin}\" fill=\"none\" stroke=\"#333\"/>"));
            var (firstPower, lastPower) = ((int)Math.Ceiling(_xMin - 1e-9), (int)Math.Floor(_xMax + 1e-9));
            var xTicks = _logarithmicX
                ? Enumerable.Range(firstPower, Math.Max(0, lastPower - firstPower + 1)).Select(power => Math.Pow(10, power)).Select(x => (x, Invariant($"{x:0.#########}")))
                : Enumerable.Range(0, 5).Select(tick => _xMin + (_xMax - _xMin) * tick / 4).Select(x => (x, Invariant($"{x:G3}")));
            foreach (var (x, text) in xTicks)
            {
                svg.Append(Invariant($"<text x=\"{X(x):F1}\" y=\"{Height - Margin + 16}\" text-anchor=\"middle\">{text}</text>"));
            }

            for (var tick = 0; tick <= 4; tick++)
            {
                var y = _yMin + (_yMax - _yMin) * tick / 4;
                svg.Append(Invariant($"<text x=\"{Margin - 6}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{y:G3}</text>"));
            }

            return svg;
        }

        /// <summary>Closes the chart with a legend in the plot's top (or bottom) right corner, as wide as its longest name.</summary>
        public string End(StringBuilder svg, IReadOnlyList<(string Name, string Colour)> legend, bool legendAtBottom = false)
        {
            const int characterWidth = 7, rowHeight = 16;
            var left = Width - Margin - 24 - characterWidth * legend.Select(entry => entry.Name.Length).DefaultIfEmpty(0).Max();
            var top = legendAtBottom ? Height - Margin - 4 - rowHeight * legend.Count : Margin;
            for (var i = 0; i < legend.Count; i++)
            {
                var y = top + 14 + rowHeight * i;
                svg.Append(Invariant($"<rect x=\"{left}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{legend[i].Colour}\"/>"));
                svg.Append(Invariant($"<text x=\"{left + 16}\" y=\"{y}\">{SecurityElement.Escape(legend[i].Name)}</text>"));
            }

            return svg.Append("</svg>").ToString();
        }

        private static (double, double) Range(IEnumerable<double> values)
        {
            var list = values.Where(double.IsFinite).ToList();
            if (list.Count == 0) return (0, 1);
            var (min, max) = (list.Min(), list.Max());
            return max > min ? (min, max) : (min - 0.5, max + 0.5);
        }
    }
}
