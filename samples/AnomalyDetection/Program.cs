// One class of Fashion-MNIST is "normal": an autoencoder learns it from the training images of
// that class alone, then every test image is scored; the other nine classes are the anomalies.
//   dotnet run --project samples/AnomalyDetection -- [class, default 7 (sneakers)]
using System.Globalization;
using Autoencoders.Transforms;
using Autoencoders.Transforms.Data;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int normalClass = args.Length > 0 ? int.Parse(args[0]) : 7;
var ml = new MLContext(seed: 1);
var dir = FashionMnist.Directory;
var train = ml.Data.LoadFromIdxFiles($"{dir}/train-images-idx3-ubyte.gz", $"{dir}/train-labels-idx1-ubyte.gz");
var test = ml.Data.LoadFromIdxFiles($"{dir}/t10k-images-idx3-ubyte.gz", $"{dir}/t10k-labels-idx1-ubyte.gz");

var normalImages = ml.Data.FilterRowsByColumn(train, "Label", lowerBound: normalClass, upperBound: normalClass + 1);
var pipeline = ml.Transforms.CustomMapping<LabelRow, Truth>((row, truth) => truth.IsAnomaly = row.Label != normalClass)
    .Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
    {
        LatentDimension = 16, Epochs = 20, FalsePositiveRate = 0.05f,
    }));
var model = pipeline.Fit(normalImages);

var metrics = ml.AnomalyDetection.Evaluate(model.Transform(test), labelColumnName: "IsAnomaly");
Console.WriteLine($"class {normalClass} AUROC {metrics.AreaUnderRocCurve:F4}");
Console.WriteLine($"detection rate at {metrics.FalsePositiveCount} false positives {metrics.DetectionRateAtFalsePositiveCount:F4}, " +
                  $"precision {metrics.Precision:F4}, recall {metrics.Recall:F4}, F1 {metrics.F1Score:F4}");

class LabelRow { public int Label { get; set; } }
class Truth { public bool IsAnomaly { get; set; } }
