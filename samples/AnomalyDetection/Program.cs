// Anomaly detection with autoencoders, two ways:
//   Fashion-MNIST one-class protocol (default): for each class k, learn class k's training images
//   only, score all 10,000 test images, the other nine classes being anomalies. Prints
//   "class <k> AUROC <0.xxxx>" per class, then "mean AUROC <0.xxxx>".
//   Any CSV: --csv PATH --label-column NAME (1/true = anomaly, used only to evaluate).
// Options: --quick, --class K, --pictures DIR (default anomaly-pictures), --quiet,
//          CSV mode: --separator C, --contamination X (flag that share of the rows; default: a
//          threshold chosen from the scores alone, median + 2.5 median absolute deviations),
//          --id-columns A,B (columns that name rows: shown, not learned from),
//          --onnx PATH (also write the fitted pipeline as an ONNX model)
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var arguments = new SampleArguments(args);
var display = new EpochProgressDisplay(quiet: arguments.Has("--quiet"));
var pictures = arguments.Text("--pictures") ?? "anomaly-pictures";
Directory.CreateDirectory(pictures);
try
{
    if (arguments.Text("--csv") is { } csv)
    {
        var label = arguments.Text("--label-column") ?? throw new ArgumentException("--csv needs --label-column NAME (the column that says which rows are anomalies).");
        var identifiers = arguments.Text("--id-columns")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var contamination = arguments.Text("--contamination") is { } share ? float.Parse(share, CultureInfo.InvariantCulture) : (float?)null;
        CsvAnomalies.Run(csv, label, identifiers, arguments.Text("--separator")?[0] ?? ',', contamination, display, pictures, arguments.Text("--onnx"));
    }
    else
    {
        var classes = arguments.Text("--class") is { } k ? [int.Parse(k, CultureInfo.InvariantCulture)] : Enumerable.Range(0, 10).ToArray();
        FashionOneClass.Run(classes, arguments.Has("--quick"), display, pictures);
    }

    Console.Error.WriteLine($"pictures in {Path.GetFullPath(pictures)}");
    return 0;
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
