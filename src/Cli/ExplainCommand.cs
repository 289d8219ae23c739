using System.CommandLine;
using Microsoft.ML;

namespace Autoencoders.Cli;

/// <summary>explain: the highest-scoring rows of a CSV or binary file, each with the features that drove its score; or images of a folder, each with the region that did.</summary>
internal static class ExplainCommand
{
    /// <summary>The explain command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV or binary file whose rows to explain (the columns the model was trained on, by name), or the folder of images (MVTec AD's layout: its test/).");
        var model = CommonOptions.ExistingModel();
        var rows = CommonOptions.Count("--rows", "How many of the highest-scoring rows to show.", 10);
        var top = CommonOptions.Count("--top-features", "How many features to show per row.", 3);
        var separator = CommonOptions.Separator();
        var command = new Command("explain", "Shows the highest-scoring rows and the features that contribute most to each one's reconstruction error.")
        {
            data, model, rows, top, separator,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(rows), parsed.GetValue(top), parsed.GetValue(separator)));
        return command;
    }

    private static int Run(string path, string modelPath, int rowCount, int topFeatures, char separator)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        var scored = new ScoredRows(detector, ModelInput.Load(ml, path, separator, detector));
        var kept = new HighestScoringRows(rowCount);
        foreach (var row in scored.Rows())
        {
            kept.Add(row);
        }

        var highest = kept.HighestFirst();
        Console.WriteLine(detector.ImageSize is null
            ? $"the {highest.Count} highest-scoring rows, with the {topFeatures} features that contribute most to each one's error:"
            : $"the {highest.Count} highest-scoring images, each with the region of its largest error and that region's share of it:");
        foreach (var row in highest)
        {
            var contributions = scored.LargestContributions(row, topFeatures).Select(c => $"{c.Feature} {c.Share * 100:F0}%");
            var names = row.Identifiers.Length == 0 ? "" : $" {string.Join(" ", row.Identifiers)}";
            Console.WriteLine($"  row {row.Row}{names} score {row.Score:G4} {(row.Flagged ? "flagged" : "not flagged")}: {string.Join(", ", contributions)}");
        }

        return CommandLineRunner.Success;
    }
}
