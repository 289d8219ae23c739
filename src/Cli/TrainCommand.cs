using Autoencoders.Trainers;
using System.CommandLine;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Autoencoders.Cli;

/// <summary>
/// train: reads a CSV or binary file (<see cref="TrainingInput"/>), trains an autoencoder anomaly
/// detector on its numeric columns (missing values filled with the column's mean, then scaled to
/// [0, 1]) with the library's tabular defaults, and saves the fitted pipeline.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The column of per-feature reconstruction errors the detector adds, which score reads.</summary>
    public const string ContributionsColumn = "Contributions";

    /// <summary>The train command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV file (with a header line) or binary file (ml.Data.SaveAsBinary) to learn from.");
        var model = new Option<string>("--model") { Description = "Where to write the trained model (a zip).", Required = true };
        var label = new Option<string?>("--label-column") { Description = "A column saying which rows are anomalies (1/true): left out of the features; evaluate reads it." };
        var identifiers = new Option<string?>("--id-columns") { Description = "Comma-separated columns that name rows: shown by score, not learned from." };
        var contamination = new Option<float?>("--contamination") { Description = "The share of rows to flag. Default: a threshold from the scores alone (median + 2.5 median absolute deviations)." }
            .Requiring(share => share is > 0f and < 1f, "a share between 0 and 1 (both excluded)");
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the rows. Default: about 3,000 steps whatever the table's size." }
            .Requiring(count => count >= 1, "a whole number, 1 or more");
        var separator = CommonOptions.Separator();
        var quiet = CommonOptions.Quiet();
        var command = new Command("train", "Trains an autoencoder anomaly detector on a CSV file and saves it.")
        {
            data, model, label, identifiers, contamination, epochs, separator, quiet,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(label),
            parsed.GetValue(identifiers)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            parsed.GetValue(contamination), parsed.GetValue(epochs), parsed.GetValue(separator), parsed.GetValue(quiet)));
        return command;
    }

    private static int Run(string path, string modelPath, string? labelColumn, string[] identifierColumns, float? contamination, int? epochs,
        char separator, bool quiet)
    {
        var ml = new MLContext(seed: 1);
        var (data, features, notUsed, rows) = TrainingInput.Read(ml, path, separator, labelColumn, identifierColumns);
        Console.WriteLine($"rows {rows}");
        Console.WriteLine($"features ({features.Count}): {string.Join(", ", features)}");
        Console.WriteLine($"not used ({notUsed.Count}): {(notUsed.Count == 0 ? "none" : string.Join("; ", notUsed))}");

        var options = new AutoencoderAnomalyDetectionOptions
        {
            Contamination = contamination, AutomaticThreshold = contamination is null, FeatureContributionsColumnName = ContributionsColumn, Epochs = epochs,
        };
        var pipeline = ml.Transforms.Concatenate("Features", features.ToArray())
            .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.NormalizeMinMax("Features", fixZero: false))
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(options));
        using var detector = new EpochProgressDisplay(quiet).Run("training", (progress, batches) =>
        {
            options.Progress = progress;
            options.BatchProgress = batches;
            return pipeline.Fit(data);
        });

        // Written beside the target, then renamed over it: a run killed while saving leaves the previous model whole.
        AtomicFile.Write(modelPath, stream => ml.Model.Save(detector, data.Schema, stream));

        var flagged = detector.Transform(data).GetColumn<bool>(AutoencoderAnomalyPredictionTransformer.PredictedLabelColumnName).Count(isAnomaly => isAnomaly);
        Console.WriteLine($"threshold {detector.LastTransformer.Threshold:G4} ({flagged} of the rows flagged)");
        Console.WriteLine($"model {Path.GetFullPath(modelPath)}");
        return CommandLineRunner.Success;
    }
}
