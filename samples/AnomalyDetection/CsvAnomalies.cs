using System.Globalization;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

/// <summary>Anomaly detection in any CSV file with ML.NET's loader, missing-value replacement and normalizer around the detector.</summary>
internal static class CsvAnomalies
{
    public static int Run(string path, string labelColumn, float? contamination)
    {
        var header = File.ReadLines(path).FirstOrDefault()?.Split(',') ?? throw new InvalidDataException($"'{path}' is empty.");
        var labelIndex = Array.IndexOf(header, labelColumn);
        if (labelIndex < 0)
        {
            Console.Error.WriteLine($"error: '{path}' has no column '{labelColumn}'; its columns are {string.Join(", ", header)}");
            return 1;
        }

        // A column whose every cell is a number (or empty: missing) is a feature; any other names rows.
        var numeric = Enumerable.Repeat(true, header.Length).ToArray();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            for (var i = 0; i < header.Length; i++)
            {
                numeric[i] &= i < cells.Length && (cells[i].Length == 0 || float.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            }
        }

        var features = Enumerable.Range(0, header.Length).Where(i => i != labelIndex && numeric[i]).ToArray();
        var names = Enumerable.Range(0, header.Length).Where(i => i != labelIndex && !numeric[i]).ToArray();
        Console.WriteLine($"features ({features.Length}): {string.Join(", ", features.Select(i => header[i]))}");
        Console.WriteLine($"row names: {(names.Length == 0 ? "none" : string.Join(", ", names.Select(i => header[i])))}");

        var ml = new MLContext(seed: 1);
        // Empty cells are missing values: read as NaN (ML.NET would read 0), then filled with the column's mean.
        var data = ml.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Separators = [','], HasHeader = true, MissingRealsAsNaNs = true,
            Columns =
            [
                new TextLoader.Column("Label", DataKind.Single, labelIndex),
                .. features.Select(i => new TextLoader.Column(header[i], DataKind.Single, i)),
                .. names.Select(i => new TextLoader.Column(header[i], DataKind.String, i)),
            ],
        });
        var featurization = ml.Transforms.Concatenate("Features", features.Select(i => header[i]).ToArray())
            .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.NormalizeMinMax("Features", fixZero: false));
        var model = featurization.Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            Contamination = contamination, AutomaticThreshold = contamination is null, FeatureContributionsColumnName = "Contributions",
        })).Fit(data);
        var scored = ml.Data.Cache(model.Transform(data));
        var metrics = ml.AnomalyDetection.Evaluate(scored);
        Console.WriteLine($"AUROC {metrics.AreaUnderRocCurve:F4}");
        Console.WriteLine($"detection rate at the false positive count {metrics.DetectionRateAtFalsePositiveCount:F4}");
        var flagged = scored.GetColumn<bool>("PredictedLabel").Count(anomaly => anomaly);
        var rule = contamination is { } share ? $"flags {share:P0} of the rows" : "automatic: the scores' median + 2.5 scaled median absolute deviations";
        Console.WriteLine($"threshold {model.LastTransformer.Threshold:G4} ({rule}; {flagged} rows flagged)");

        // ML.NET's own anomaly trainer on the same features, as the baseline its users know.
        var rank = AutoencoderOptions.LatentDimensionFor(features.Length);
        var baseline = featurization.Append(ml.AnomalyDetection.Trainers.RandomizedPca(rank: rank)).Fit(data);
        Console.WriteLine($"RandomizedPca (rank {rank}) AUROC {ml.AnomalyDetection.Evaluate(baseline.Transform(data)).AreaUnderRocCurve:F4}");

        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<float>("Label").ToArray();
        var contributions = scored.GetColumn<float[]>("Contributions").ToArray();
        var rowNames = names.Select(i => scored.GetColumn<ReadOnlyMemory<char>>(header[i]).Select(name => name.ToString()).ToArray()).ToArray();
        Console.WriteLine("the ten highest-scoring rows, with the three features that contribute most to each one's score:");
        foreach (var row in Enumerable.Range(0, scores.Length).OrderByDescending(row => scores[row]).Take(10))
        {
            var parts = contributions[row];
            var total = parts.Sum();
            var top = Enumerable.Range(0, parts.Length).OrderByDescending(i => parts[i]).Take(3).Select(i => $"{header[features[i]]} {parts[i] / total:P0}");
            Console.WriteLine($"  row {row} {string.Join(" ", rowNames.Select(values => values[row]))} score {scores[row]:G4} {(labels[row] > 0 ? "anomaly" : "normal")}: {string.Join(", ", top)}");
        }

        return 0;
    }
}
