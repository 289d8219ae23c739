// Anomaly detection with autoencoders, two ways:
//   Fashion-MNIST one-class protocol (default): for each class k, learn class k's training images
//   only, score all 10,000 test images, the other nine classes being anomalies. Prints
//   "class <k> AUROC <0.xxxx>" per class, then "mean AUROC <0.xxxx>".
//   Any CSV: --csv PATH --label-column NAME (1/true = anomaly, used only to evaluate).
// Options: --quick, --class K, --pictures DIR (default anomaly-pictures), --quiet,
//          --separator C, --contamination X (CSV mode, default 0.05)
using System.Globalization;
using Autoencoders.Transforms.Data;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var display = new EpochProgressDisplay(quiet: args.Contains("--quiet"));
var pictures = Option("--pictures") ?? "anomaly-pictures";
Directory.CreateDirectory(pictures);
try
{
    if (Option("--csv") is { } csv)
    {
        var label = Option("--label-column") ?? throw new ArgumentException("--csv needs --label-column NAME (the column that says which rows are anomalies).");
        CsvAnomalies.Run(csv, label, Option("--separator")?[0] ?? ',', float.Parse(Option("--contamination") ?? "0.05", CultureInfo.InvariantCulture), display, pictures);
    }
    else
    {
        var classes = Option("--class") is { } k ? [int.Parse(k, CultureInfo.InvariantCulture)] : Enumerable.Range(0, 10).ToArray();
        FashionOneClass.Run(classes, args.Contains("--quick"), display, pictures);
    }

    Console.Error.WriteLine($"pictures in {Path.GetFullPath(pictures)}");
    return 0;
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
