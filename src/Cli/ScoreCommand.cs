using System.CommandLine;
using Microsoft.ML;
using System.Globalization;

namespace Autoencoders.Cli;

/// <summary>
/// score: streams a CSV or binary file's rows (or a folder's images) through a saved detector and writes one CSV line per row: its
/// index, its identifier columns (an image's path), its score, whether it is flagged, and the features that contribute
/// most to its reconstruction error (an image's region of largest error) with their shares of it.
/// </summary>
internal static class ScoreCommand
{
    /// <summary>The score command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV or binary file whose rows to score (the columns the model was trained on, by name), or the folder of images (MVTec AD's layout: its test/).");
        var model = CommonOptions.ExistingModel();
        var output = new Option<string?>("--output") { Description = "Where to write the scores (CSV). Default: standard output." };
        var top = CommonOptions.Count("--top-features", "How many of each row's largest contributions to write (an image has one: its region of largest error).", 3);
        var separator = CommonOptions.Separator();
        var quiet = CommonOptions.Quiet();
        var command = new Command("score", "Scores the rows of a CSV or binary file, or the images of a folder, with a trained detector.") { data, model, output, top, separator, quiet };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(output), parsed.GetValue(top),
            parsed.GetValue(separator), parsed.GetValue(quiet)));
        return command;
    }

    private static int Run(string path, string modelPath, string? outputPath, int topFeatures, char separator, bool quiet)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        var scored = new ScoredRows(detector, ModelInput.Load(ml, path, separator, detector));
        topFeatures = Math.Min(topFeatures, scored.ContributionCount);
        using var writer = outputPath is null ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(outputPath);
        var header = new[] { "row" }.Concat(scored.IdentifierNames).Concat(["score", "predicted_label"])
            .Concat(Enumerable.Range(1, topFeatures).SelectMany(k => new[] { $"top_feature_{k}", $"top_share_{k}" }));
        writer.WriteLine(string.Join(',', header.Select(Field)));
        var (rows, flagged) = (0L, 0L);
        foreach (var row in scored.Rows())
        {
            var fields = new[] { row.Row.ToString(CultureInfo.InvariantCulture) }.Concat(row.Identifiers)
                .Concat([row.Score.ToString("G6", CultureInfo.InvariantCulture), row.Flagged ? "true" : "false"])
                .Concat(scored.LargestContributions(row, topFeatures)
                    .SelectMany(contribution => new[] { contribution.Feature, contribution.Share.ToString("F4", CultureInfo.InvariantCulture) }));
            writer.WriteLine(string.Join(',', fields.Select(Field)));
            rows++;
            flagged += row.Flagged ? 1 : 0;
        }

        if (!quiet)
        {
            Console.Error.WriteLine($"scored {rows} rows, {flagged} flagged{(outputPath is null ? "" : $", written to {Path.GetFullPath(outputPath)}")}");
        }

        return CommandLineRunner.Success;
    }

    /// <summary>A CSV field, quoted when it holds a separator, a quote or a line break.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
