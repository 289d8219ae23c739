// Anomaly detection with the autoencoder detector on ML.NET, two ways:
//   Fashion-MNIST one-class protocol (default): for each class k, the detector learns class k's
//   training images only and scores all 10,000 test images, the other nine classes being
//   anomalies; ML.NET's AnomalyDetection.Evaluate gives the AUROC. Prints "class <k> AUROC <0.xxxx>"
//   per class, then "mean AUROC <0.xxxx>"; progress goes to standard error.
//   Any CSV: --csv PATH --label-column NAME (1 = anomaly, used only to evaluate) [--contamination X].
//   Visual inspection: --images DIR, a folder in MVTec AD's layout [--size N] [--patch P] [--pictures DIR]. Prints
//   "image AUROC <0.xxxx>" and, where masks exist, "pixel AUROC <0.xxxx>", then the same for the
//   nearest-training-image baseline, and draws heat maps of the highest-scoring test images.
//   dotnet run --project samples/AnomalyDetection -c Release -- [--class K] [--quick] [--quiet]
using System.Globalization;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int[] classes = [.. Enumerable.Range(0, 10)];
bool quick = false, quiet = false;
string? csv = null, labelColumn = null, images = null;
string pictures = "anomaly-pictures";
int? size = null, patch = null;
float? contamination = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--csv" when i + 1 < args.Length:
            csv = args[++i];
            break;
        case "--label-column" when i + 1 < args.Length:
            labelColumn = args[++i];
            break;
        case "--contamination" when i + 1 < args.Length && float.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is > 0f and < 1f:
            contamination = share;
            i++;
            break;
        case "--images" when i + 1 < args.Length:
            images = args[++i];
            break;
        case "--pictures" when i + 1 < args.Length:
            pictures = args[++i];
            break;
        case "--size" when i + 1 < args.Length && int.TryParse(args[i + 1], out var side) && side is >= 8 and <= 1024:
            size = side;
            i++;
            break;
        case "--patch" when i + 1 < args.Length && int.TryParse(args[i + 1], out var patchSide) && patchSide >= 4:
            patch = patchSide;
            i++;
            break;
        case "--quick": quick = true; break;
        case "--quiet": quiet = true; break;
        case "--class" when i + 1 < args.Length && int.TryParse(args[i + 1], out var k) && k is >= 0 and <= 9:
            classes = [k];
            i++;
            break;
        default:
            Console.Error.WriteLine($"error: unknown or incomplete argument '{args[i]}'");
            Console.Error.WriteLine("usage: AnomalyDetection [--class K] [--quick] [--quiet] | --csv PATH --label-column NAME [--contamination X] | --images DIR [--size N] [--patch P] [--pictures DIR] [--quick] [--quiet]");
            return 2;
    }
}

if (csv is not null)
{
    if (labelColumn is null)
    {
        Console.Error.WriteLine("error: --csv needs --label-column NAME (the column that says which rows are anomalies)");
        return 2;
    }

    return CsvAnomalies.Run(csv, labelColumn, contamination);
}

if (images is not null)
{
    try
    {
        return VisualInspection.Run(images, size, patch, quick, quiet, pictures);
    }
    catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
}

var ml = new MLContext(seed: 1);
var (trainingImages, trainingLabels) = FashionMnist.LoadTraining();
var (testImages, testLabels) = FashionMnist.LoadTest();
var aurocs = new List<double>();
foreach (var normalClass in classes)
{
    var normal = Enumerable.Range(0, trainingImages.Rows).Where(row => trainingLabels[row] == normalClass).Take(quick ? 1500 : int.MaxValue)
        .Select(row => new Image { Features = trainingImages.Row(row).ToArray() });
    var test = Enumerable.Range(0, testImages.Rows)
        .Select(row => new Image { Features = testImages.Row(row).ToArray(), Label = testLabels[row] == normalClass ? 0f : 1f });

    // Rotation-restoring training: each image is turned by a random multiple of 90 degrees and the
    // model learns to give it back upright, so it has to learn what upright items of this class look
    // like; other classes are restored (and reconstructed) worse. The score compares image and
    // reconstruction after smoothing, so that shapes, not pixel detail, decide it.
    var options = new AutoencoderAnomalyDetectionOptions
    {
        LatentDimension = 16, HiddenWidths = [512, 128], Noise = NoiseKind.Rotation, ImageShape = FashionMnist.Shape,
        Epochs = quick ? 5 : 100, BatchSize = 32, FalsePositiveRate = 0.05f, ValidationFraction = 0.1f, EarlyStoppingPatience = 0,
        Score = AnomalyScore.SmoothedReconstructionError,
        Progress = quiet ? null : new Progress<EpochProgress>(epoch =>
            Console.Error.WriteLine($"  class {normalClass} epoch {epoch.Epoch}/{epoch.EpochCount}: loss {epoch.TrainingLoss:G4}, validation {epoch.ValidationLoss:G4}")),
    };
    using var detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(ml.Data.LoadFromEnumerable(normal));
    var metrics = ml.AnomalyDetection.Evaluate(detector.Transform(ml.Data.LoadFromEnumerable(test)));
    Console.WriteLine($"class {normalClass} AUROC {metrics.AreaUnderRocCurve:F4}");
    aurocs.Add(metrics.AreaUnderRocCurve);
}

Console.WriteLine($"mean AUROC {aurocs.Average():F4}");
return 0;

internal sealed class Image
{
    [VectorType(FashionMnist.ImageSize)]
    public float[] Features { get; set; } = [];

    /// <summary>1 for an anomaly (another class than the normal one), 0 for a normal image.</summary>
    public float Label { get; set; }
}
