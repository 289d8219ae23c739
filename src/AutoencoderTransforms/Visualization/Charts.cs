using System.Globalization;
using System.Security;
using System.Text;

namespace Autoencoders.Visualization;

/// <summary>Charts as SVG files: training loss curves, 2-D scatter plots of codes, ROC curves.</summary>
public static class Charts
{
    private const int Width = 640, Height = 420, Margin = 56;
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Training (and, when recorded, validation) loss per epoch.</summary>
    public static void SaveLossCurve(string path, IReadOnlyList<EpochProgress> history, string title = "Training loss")
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

        Write(path, LineChart(title, "epoch", "loss", series));
    }

    /// <summary>
    /// Points coloured by label. Codes wider than 2 are first projected onto their two principal
    /// components (the axes then say so).
    /// </summary>
    public static void SaveScatter(string path, FeatureMatrix codes, IReadOnlyList<int> labels, string title = "Codes")
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
        Write(path, frame.End(svg, legend));
    }

    /// <summary>The ROC curve of <paramref name="scores"/> (higher = more likely positive) against <paramref name="labels"/>, with its area.</summary>
    public static void SaveRocCurve(string path, IReadOnlyList<bool> labels, IReadOnlyList<float> scores, string title = "ROC curve")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        var ranks = new RankStatistics(labels, scores, "The labels", "the scores");
        var area = ranks.AreaUnderRocCurve();
        Write(path, LineChart(Invariant($"{title} (AUROC {area:F4})"), "false positive rate", "true positive rate",
            [("ROC", ranks.RocCurve()), ("chance", [(0, 0), (1, 1)])], fixedUnitSquare: true));
    }

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

        public Frame(IEnumerable<double> xs, IEnumerable<double> ys)
        {
            (_xMin, _xMax) = Range(xs);
            (_yMin, _yMax) = Range(ys);
        }

        public double X(double x) => Margin + (x - _xMin) / (_xMax - _xMin) * (Width - 2 * Margin);

        public double Y(double y) => Height - Margin - (y - _yMin) / (_yMax - _yMin) * (Height - 2 * Margin);

        public StringBuilder Begin(string title, string xLabel, string yLabel)
        {
            var svg = new StringBuilder(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
            svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{SecurityElement.Escape(title)}</text>"));
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{SecurityElement.Escape(xLabel)}</text>"));
            svg.Append(Invariant($"<text x=\"16\" y=\"{Height / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Height / 2})\">{SecurityElement.Escape(yLabel)}</text>"));
            svg.Append(Invariant($"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{Width - 2 * Margin}\" height=\"{Height - 2 * Margin}\" fill=\"none\" stroke=\"#333\"/>"));
            for (var tick = 0; tick <= 4; tick++)
            {
                var (x, y) = (_xMin + (_xMax - _xMin) * tick / 4, _yMin + (_yMax - _yMin) * tick / 4);
                svg.Append(Invariant($"<text x=\"{X(x):F1}\" y=\"{Height - Margin + 16}\" text-anchor=\"middle\">{x:G3}</text>"));
                svg.Append(Invariant($"<text x=\"{Margin - 6}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{y:G3}</text>"));
            }

            return svg;
        }

        public string End(StringBuilder svg, IReadOnlyList<(string Name, string Colour)> legend)
        {
            for (var i = 0; i < legend.Count; i++)
            {
                var y = Margin + 14 + 16 * i;
                svg.Append(Invariant($"<rect x=\"{Width - Margin - 110}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{legend[i].Colour}\"/>"));
                svg.Append(Invariant($"<text x=\"{Width - Margin - 94}\" y=\"{y}\">{SecurityElement.Escape(legend[i].Name)}</text>"));
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
