using System.CommandLine;
using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.ML;

namespace Autoencoders.Cli;

/// <summary>
/// report: one self-contained HTML page about a detector on a CSV or binary file, its charts inline SVG drawn by ScottPlot: the
/// score histogram with the threshold, the ROC curve (with a label column), the training loss
/// curve, and the highest-scoring rows with the features that drove them.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The report command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV or binary file to report on (the columns the model was trained on, by name), or the folder of images (MVTec AD's layout: its test/).");
        var model = CommonOptions.ExistingModel();
        var label = new Option<string?>("--label-column")
        {
            Description = "The column saying which rows are anomalies (1/true), for the ROC curve and metrics. Default: the one train was given, when the file has it.",
        };
        var output = new Option<string>("--output") { Description = "Where to write the page.", DefaultValueFactory = _ => "report.html" };
        var rows = CommonOptions.Count("--rows", "How many of the highest-scoring rows to list.", 20);
        var separator = CommonOptions.Separator();
        var command = new Command("report", "Writes one self-contained HTML page: score histogram, ROC curve, loss curve and the top anomalies.")
        {
            data, model, label, output, rows, separator,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(label), parsed.GetRequiredValue(output),
            parsed.GetValue(rows), parsed.GetValue(separator)));
        return command;
    }

    private static int Run(string path, string modelPath, string? labelColumn, string outputPath, int rowCount, char separator)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        var anomalyDetector = ml.Model.LoadAnomalyDetectors(modelPath).LastOrDefault()
            ?? throw new InvalidDataException($"'{modelPath}' holds no anomaly detector; report reads models that train wrote.");
        // The label: the one named, else the one train was given when the file has it, else a folder's names when it has good and other images.
        var label = ModelInput.LabelColumn(path, detector, labelColumn);
        var data = ModelInput.Load(ml, path, separator, detector, labelColumn);
        labelColumn = label is not null && data.Schema.GetColumnOrNull(label) is not null ? label : null;
        var scored = new ScoredRows(detector, data, labelColumn);
        var (scores, labels, highest, flagged) = (new List<float>(), new List<bool>(), new HighestScoringRows(rowCount), 0);
        foreach (var row in scored.Rows())
        {
            scores.Add(row.Score);
            flagged += row.Flagged ? 1 : 0;
            labels.AddRange(row.IsAnomaly is { } isAnomaly ? [isAnomaly] : []);
            highest.Add(row);
        }

        var page = new StringBuilder();
        page.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Anomaly report: {{Text(Path.GetFileName(path))}}</title>
            <style>
            body { font-family: sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            td, th { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
            .share { display: inline-block; height: 10px; background: #d62728; margin-right: 4px; }
            section { margin: 2em 0; }
            </style></head><body>
            <h1>Anomaly report</h1>
            <table class="summary">
            <tr><th>data</th><td>{{Text(Path.GetFullPath(path))}}</td></tr>
            <tr><th>model</th><td>{{Text(Path.GetFullPath(modelPath))}}</td></tr>
            <tr><th>rows</th><td>{{scores.Count}}</td></tr>
            <tr><th>flagged</th><td>{{flagged}}</td></tr>
            <tr><th>threshold</th><td>{{anomalyDetector.Threshold:G4}}</td></tr>
            """);
        if (labelColumn is not null)
        {
            var metrics = DetectorMetrics.Measure(ml, detector.Model.Transform(data), labelColumn);
            page.Append($"""
                <tr><th>anomalies ({Text(labelColumn)})</th><td>{metrics.Anomalies}</td></tr>
                <tr><th>AUROC</th><td>{metrics.AreaUnderRocCurve:F4}</td></tr>
                <tr><th>precision / recall / F1</th><td>{metrics.Precision:F4} / {metrics.Recall:F4} / {metrics.F1:F4}</td></tr>
                """);
        }

        page.Append("</table>\n");
        Section(page, "scores", "Scores", ReportCharts.ScoreHistogram(scores, anomalyDetector.Threshold, labelColumn is null ? null : labels));
        if (labelColumn is not null && labels.Distinct().Count() == 2)
        {
            Section(page, "roc", "ROC curve", ReportCharts.RocCurve(labels, scores, labelColumn));
        }

        if (anomalyDetector.TrainingHistory.Count > 0)
        {
            Section(page, "training", "Training", ReportCharts.LossCurve(anomalyDetector.TrainingHistory));
        }

        Section(page, "top", $"The {Math.Min(rowCount, scores.Count)} highest-scoring rows", TopRows(highest.HighestFirst(), scored));
        page.Append("</body></html>\n");
        File.WriteAllText(outputPath, page.ToString());
        Console.WriteLine($"report {Path.GetFullPath(outputPath)}");
        return CommandLineRunner.Success;
    }

    private static void Section(StringBuilder page, string id, string title, string content) =>
        page.Append($"<section id=\"{id}\"><h2>{Text(title)}</h2>\n{content}\n</section>\n");

    /// <summary>A table of rows, each feature's share of the row's error drawn as a bar.</summary>
    private static string TopRows(IReadOnlyList<ScoredRow> rows, ScoredRows scored)
    {
        var table = new StringBuilder("<table class=\"rows\"><tr><th>row</th>");
        table.Append(string.Concat(scored.IdentifierNames.Select(name => $"<th>{Text(name)}</th>")));
        table.Append("<th>score</th><th>flagged</th><th>what drives the score</th></tr>\n");
        foreach (var row in rows)
        {
            var contributions = scored.LargestContributions(row, 3).Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"<span class=\"share\" style=\"width:{c.Share * 100:F0}px\"></span>{Text(c.Feature)} {c.Share * 100:F0}%"));
            table.Append($"<tr><td>{row.Row}</td>{string.Concat(row.Identifiers.Select(value => $"<td>{Text(value)}</td>"))}");
            table.Append(string.Create(CultureInfo.InvariantCulture, $"<td>{row.Score:G4}</td><td>{(row.Flagged ? "yes" : "no")}</td><td>{string.Join("<br>", contributions)}</td></tr>\n"));
        }

        return table.Append("</table>").ToString();
    }

    private static string Text(string value) => SecurityElement.Escape(value);
}
