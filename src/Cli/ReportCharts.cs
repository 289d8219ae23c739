using Autoencoders.Trainers;
using ScottPlot;

namespace Autoencoders.Cli;

/// <summary>The report's charts, drawn by ScottPlot as SVG to inline in the page.</summary>
internal static class ReportCharts
{
    private const int Width = 800;
    private const int Height = 360;
    private const int HistogramBins = 40;

    /// <summary>
    /// The scores in <see cref="HistogramBins"/> bins (stacked by label when labels are given), the
    /// threshold as a vertical line.
    /// </summary>
    public static string ScoreHistogram(IReadOnlyList<float> scores, float threshold, IReadOnlyList<bool>? labels)
    {
        var finite = scores.Where(float.IsFinite).ToArray();
        var (low, high) = finite.Length == 0 ? (0.0, 1.0) : (Math.Min(finite.Min(), threshold), Math.Max(finite.Max(), threshold));
        var width = (high - low) / HistogramBins is var w && w > 0 ? w : 1;
        var normal = new double[HistogramBins];
        var anomalous = new double[HistogramBins];
        for (var i = 0; i < scores.Count; i++)
        {
            if (!float.IsFinite(scores[i])) continue;
            var bin = Math.Clamp((int)((scores[i] - low) / width), 0, HistogramBins - 1);
            (labels is not null && labels[i] ? anomalous : normal)[bin]++;
        }

        var plot = new Plot();
        var bars = new List<Bar>();
        for (var bin = 0; bin < HistogramBins; bin++)
        {
            var center = low + (bin + 0.5) * width;
            bars.Add(new Bar { Position = center, Value = normal[bin], Size = width, FillColor = Colors.SteelBlue });
            if (labels is not null)
            {
                bars.Add(new Bar { Position = center, ValueBase = normal[bin], Value = normal[bin] + anomalous[bin], Size = width, FillColor = Colors.Crimson });
            }
        }

        plot.Add.Bars(bars);
        var line = plot.Add.VerticalLine(threshold);
        line.LegendText = $"threshold {threshold:G4}";
        if (labels is not null)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "normal", FillColor = Colors.SteelBlue });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "anomaly (label)", FillColor = Colors.Crimson });
        }

        plot.ShowLegend();
        plot.Axes.Margins(bottom: 0);
        plot.Title("Score of every row");
        plot.XLabel("score");
        plot.YLabel("rows");
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>True positive rate against false positive rate as the threshold sweeps the scores, with chance's diagonal.</summary>
    public static string RocCurve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, string labelColumn)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => float.IsNaN(scores[i]) ? float.PositiveInfinity : scores[i]).ToArray();
        var (positives, negatives) = (labels.Count(label => label), labels.Count(label => !label));
        var falsePositiveRates = new List<double> { 0 };
        var truePositiveRates = new List<double> { 0 };
        var (truePositives, falsePositives) = (0, 0);
        for (var k = 0; k < order.Length; k++)
        {
            (truePositives, falsePositives) = labels[order[k]] ? (truePositives + 1, falsePositives) : (truePositives, falsePositives + 1);
            // One point per distinct score: tied rows move the curve together.
            if (k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]])
            {
                falsePositiveRates.Add(falsePositives / (double)Math.Max(1, negatives));
                truePositiveRates.Add(truePositives / (double)Math.Max(1, positives));
            }
        }

        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        var curve = plot.Add.ScatterLine(falsePositiveRates.ToArray(), truePositiveRates.ToArray());
        curve.Color = Colors.SteelBlue;
        curve.LineWidth = 2;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title($"ROC curve against {labelColumn}");
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>The training and (when held out) validation loss of every epoch.</summary>
    public static string LossCurve(IReadOnlyList<EpochProgress> history)
    {
        var plot = new Plot();
        var epochs = history.Select(epoch => (double)epoch.Epoch).ToArray();
        var training = plot.Add.ScatterLine(epochs, history.Select(epoch => (double)epoch.TrainingLoss).ToArray());
        training.LegendText = "training";
        if (history.All(epoch => epoch.ValidationLoss is not null))
        {
            var validation = plot.Add.ScatterLine(epochs, history.Select(epoch => (double)epoch.ValidationLoss!.Value).ToArray());
            validation.LegendText = "validation";
        }

        plot.ShowLegend();
        plot.Title("Loss per epoch");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        return plot.GetSvgXml(Width, Height);
    }
}
