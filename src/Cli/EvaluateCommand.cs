using System.CommandLine;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>evaluate: scores a labelled CSV or binary file with a saved detector and prints its metrics, one per line: ML.NET's AUROC and detection rate, and the precision, recall and F1 of the detector's own decisions.</summary>
internal static class EvaluateCommand
{
    /// <summary>The evaluate command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV or binary file to score, with the label column.");
        var model = CommonOptions.ExistingModel();
        var label = new Option<string?>("--label-column") { Description = "The column saying which rows are anomalies (1/true). Default: the one train was given." };
        var separator = CommonOptions.Separator();
        var command = new Command("evaluate", "Measures a trained detector on a file whose anomalies are labelled.") { data, model, label, separator };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(label), parsed.GetValue(separator)));
        return command;
    }

    private const string LabelAsSingle = "AnomalyLabel";

    private static int Run(string path, string modelPath, string? labelColumn, char separator)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        labelColumn ??= ModelInput.LabelColumn(detector.InputSchema)
            ?? throw new ArgumentException("The model was trained without a label column; name the one in the file with --label-column.");
        var scored = detector.Model.Transform(ModelInput.Load(ml, path, separator, detector.InputSchema, labelColumn));
        // ML.NET's anomaly evaluator reads a Single label (above 0: an anomaly), not a Boolean one.
        var metrics = ml.AnomalyDetection.Evaluate(
            ml.Transforms.Conversion.ConvertType(LabelAsSingle, labelColumn, DataKind.Single).Fit(scored).Transform(scored), labelColumnName: LabelAsSingle);
        var (truePositives, flagged, anomalies, rows) = (0L, 0L, 0L, 0L);
        foreach (var (isAnomaly, isFlagged) in scored.GetColumn<bool>(labelColumn).Zip(scored.GetColumn<bool>(AutoencoderAnomalyPredictionTransformer.PredictedLabelColumnName)))
        {
            (truePositives, flagged, anomalies, rows) = (truePositives + (isAnomaly && isFlagged ? 1 : 0), flagged + (isFlagged ? 1 : 0), anomalies + (isAnomaly ? 1 : 0), rows + 1);
        }

        var (precision, recall) = (truePositives / (double)Math.Max(1, flagged), truePositives / (double)Math.Max(1, anomalies));
        Console.WriteLine($"AUROC {metrics.AreaUnderRocCurve:F4}");
        Console.WriteLine($"detection rate at the false positive count {metrics.DetectionRateAtFalsePositiveCount:F4}");
        Console.WriteLine($"precision {precision:F4}");
        Console.WriteLine($"recall {recall:F4}");
        Console.WriteLine($"F1 {(precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0):F4}");
        Console.WriteLine($"anomalies {anomalies}, flagged {flagged} of {rows} rows");
        return CommandLineRunner.Success;
    }
}
