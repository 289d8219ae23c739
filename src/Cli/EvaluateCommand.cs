using System.CommandLine;
using Microsoft.ML;

namespace Autoencoders.Cli;

/// <summary>evaluate: scores a labelled CSV or binary file, or a folder of images labelled by their folders' names, with a saved detector and prints its <see cref="DetectorMetrics"/>, one per line.</summary>
internal static class EvaluateCommand
{
    /// <summary>The evaluate command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV or binary file to score, with the label column; or a folder of images in good/ and <defect>/ folders (MVTec AD's layout: its test/).");
        var model = CommonOptions.ExistingModel();
        var label = new Option<string?>("--label-column") { Description = "The column saying which rows are anomalies (1/true). Default: the one train was given." };
        var separator = CommonOptions.Separator();
        var command = new Command("evaluate", "Measures a trained detector on a file whose anomalies are labelled, or a folder of images labelled by their folders.") { data, model, label, separator };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(label), parsed.GetValue(separator)));
        return command;
    }

    private static int Run(string path, string modelPath, string? labelColumn, char separator)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        labelColumn = ModelInput.LabelColumn(path, detector, labelColumn)
            ?? throw new ArgumentException("The model was trained without a label column; name the one in the file with --label-column.");
        var metrics = DetectorMetrics.Measure(ml, detector.Model.Transform(ModelInput.Load(ml, path, separator, detector, labelColumn)), labelColumn);
        Console.WriteLine($"AUROC {metrics.AreaUnderRocCurve:F4}");
        Console.WriteLine($"detection rate at the false positive count {metrics.DetectionRateAtFalsePositiveCount:F4}");
        Console.WriteLine($"precision {metrics.Precision:F4}");
        Console.WriteLine($"recall {metrics.Recall:F4}");
        Console.WriteLine($"F1 {metrics.F1:F4}");
        Console.WriteLine($"anomalies {metrics.Anomalies}, flagged {metrics.Flagged} of {metrics.Rows} rows");
        return CommandLineRunner.Success;
    }
}
