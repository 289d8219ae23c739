using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Autoencoders.Visualization;

/// <summary>Anomaly detection on any CSV: normalization, an autoencoder detector, evaluation, explanations.</summary>
internal static class CsvAnomalies
{
    public static void Run(string path, string labelColumn, IReadOnlyCollection<string> identifierColumns, char separator, float? contamination,
        EpochProgressDisplay display, string pictures, string? onnxPath)
    {
        var roles = CsvColumnRoles.Decide(path, separator, labelColumn, identifierColumns);
        var (header, features, identifiers) = (roles.Header, roles.Features, roles.Identifiers);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile(path, roles.Columns, separator, hasHeader: true, allowQuoting: true, trimWhitespace: true);
        var rows = data.GetRowCount() ?? data.GetColumn<float>(header[features[0]]).LongCount();
        Console.WriteLine($"rows {rows}");
        Console.WriteLine($"features ({features.Length}): {string.Join(", ", features.Select(i => header[i]))}");
        Console.WriteLine($"not used ({roles.NotUsed.Count}): {(roles.NotUsed.Count == 0 ? "none" : string.Join("; ", roles.NotUsed))}");

        // The detector's defaults are the tabular suite's choices (bench/tabular); unless told the
        // share of anomalies, the threshold comes from the scores' spread.
        var options = new AutoencoderAnomalyDetectionOptions
        {
            Contamination = contamination, AutomaticThreshold = contamination is null, FeatureContributionsColumnName = "Contributions",
        };
        var featurization = ml.Transforms.Concatenate("Features", features.Select(i => header[i]).ToArray())
            .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.NormalizeMinMax("Features", fixZero: false));
        var pipeline = featurization.Append(ml.AnomalyDetection.Trainers.Autoencoder(options));
        using var model = display.Run("autoencoder", (progress, batches) =>
        {
            options.Progress = progress;
            options.BatchProgress = batches;
            return pipeline.Fit(data);
        });

        var scored = ml.Data.Cache(model.Transform(data));
        var metrics = ml.AnomalyDetection.Evaluate(scored, labelColumnName: labelColumn);
        Console.WriteLine($"AUROC {metrics.AreaUnderRocCurve:F4}");
        Console.WriteLine($"detection rate at {metrics.FalsePositiveCount} false positives {metrics.DetectionRateAtFalsePositiveCount:F4}");
        Console.WriteLine($"precision {metrics.Precision:F4}");
        Console.WriteLine($"recall {metrics.Recall:F4}");
        Console.WriteLine($"F1 {metrics.F1Score:F4}");
        var rule = contamination is { } share ? $"flags {share:P0} of the rows" : $"automatic: the scores' median + {AutoencoderDefaults.AutomaticThresholdDeviations} median absolute deviations";
        Console.WriteLine($"threshold {model.LastTransformer.Threshold:G4} ({rule}; {scored.GetColumn<bool>("PredictedLabel").Count(flagged => flagged)} rows flagged)");
        Console.WriteLine($"best F1 {metrics.BestF1Score:F4} (at threshold {metrics.BestF1Threshold:G4}, chosen with the labels)");

        // ML.NET's own anomaly trainer on the same features, as the baseline its users know: as
        // many components as the autoencoder's code is wide, ML.NET's threshold of 0.5.
        var rank = AutoencoderDefaults.LatentDimensionFor(features.Length);
        var baseline = featurization.Append(ml.AnomalyDetection.Trainers.RandomizedPca(rank: rank)).Fit(data);
        var baselineMetrics = ml.AnomalyDetection.Evaluate(baseline.Transform(data), labelColumnName: labelColumn);
        Console.WriteLine($"RandomizedPca (rank {rank}) AUROC {baselineMetrics.AreaUnderRocCurve:F4}");
        Console.WriteLine($"RandomizedPca detection rate at {baselineMetrics.FalsePositiveCount} false positives {baselineMetrics.DetectionRateAtFalsePositiveCount:F4}");
        Console.WriteLine($"RandomizedPca F1 at its threshold {baseline.LastTransformer.Threshold:G4} {baselineMetrics.F1Score:F4}");

        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<bool>(labelColumn).ToArray();
        var contributions = scored.GetColumn<float[]>("Contributions").ToArray();
        var featureNames = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["Contributions"].GetSlotNames(ref featureNames);
        var featureName = featureNames.DenseValues().Select(name => name.ToString()).ToArray();
        var identifierValues = identifiers.Select(i => scored.GetColumn<string>(header[i]).ToArray()).ToArray();
        Console.WriteLine("the ten highest-scoring rows, with the three features that contribute most to each one's error:");
        foreach (var row in Enumerable.Range(0, scores.Length).OrderByDescending(row => scores[row]).Take(10))
        {
            var errors = contributions[row];
            var total = errors.Sum();
            var top = Enumerable.Range(0, errors.Length).OrderByDescending(i => errors[i]).Take(3)
                .Select(i => $"{featureName[i]} {errors[i] / total:P0}");
            var names = identifierValues.Select(values => values[row]);
            Console.WriteLine($"  row {row} (line {roles.Lines[row]}) {string.Join(" ", names)} score {scores[row]:G4} {(labels[row] ? "anomaly" : "normal")}: {string.Join(", ", top)}");
        }

        if (onnxPath is not null)
        {
            // The fitted chain as one ONNX graph: inputs are the feature columns, one value per row
            // each; outputs include Score, PredictedLabel and Contributions, as scored above.
            ml.Model.ConvertToOnnx(model, data, onnxPath);
            Console.WriteLine($"ONNX model {Path.GetFullPath(onnxPath)}");
        }

        Charts.SaveRocCurve(Path.Combine(pictures, "csv-roc.svg"), labels, scores, Path.GetFileName(path));
        Charts.SaveLossCurve(Path.Combine(pictures, "csv-loss.svg"), model.LastTransformer.TrainingHistory);
    }
}
