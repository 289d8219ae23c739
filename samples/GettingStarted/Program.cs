// Two ML.NET pipelines with the autoencoder components, written as ML.NET's documentation writes
// programs:
//   GettingStarted train <table.csv> <images.csv> <model folder>
//     anomaly detection on a table (a header, a Single "Label" first, then the measurements; empty
//     fields are missing values), and few-label classification of 28 x 28 images (a label 0-9,
//     whether its label is kept for training, then 784 pixels). Prints the metrics,
//     saves both models and writes their predictions.
//   GettingStarted predict <table.csv> <images.csv> <model folder>
//     loads the saved models with plain ML.NET and writes their predictions again.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

if (args.Length != 4 || args[0] is not ("train" or "predict"))
{
    Console.Error.WriteLine("usage: GettingStarted train|predict <table.csv> <images.csv> <model folder>");
    return 2;
}

var (tablePath, imagesPath, folder) = (args[1], args[2], args[3]);
var mlContext = new MLContext(seed: 1);
var table = mlContext.Data.LoadFromTextFile<TableRow>(tablePath, new TextLoader.Options
{
    Separators = [','], HasHeader = true, MissingRealsAsNaNs = true,
});
var images = mlContext.Data.LoadFromTextFile<ImageRow>(imagesPath, separatorChar: ',');
var anomalyModelPath = Path.Combine(folder, "anomaly.zip");
var classifierModelPath = Path.Combine(folder, "classifier.zip");

if (args[0] == "predict")
{
    var anomalyModel = mlContext.Model.Load(anomalyModelPath, out _);
    var classifierModel = mlContext.Model.Load(classifierModelPath, out _);
    WriteAnomalies(anomalyModel.Transform(table), Path.Combine(folder, "anomalies-loaded.txt"));
    WriteClasses(classifierModel.Transform(images), Path.Combine(folder, "classes-loaded.txt"));
    return 0;
}

// Anomaly detection: fill missing values, scale to [0, 1], train on the rows (mostly normal).
var anomalyPipeline = mlContext.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
    .Append(mlContext.Transforms.NormalizeMinMax("Features"))
    .Append(mlContext.AnomalyDetection.Trainers.Autoencoder(featureColumnName: "Features"));
var anomalyModelFitted = anomalyPipeline.Fit(table);
var anomalies = anomalyModelFitted.Transform(table);
var anomalyMetrics = mlContext.AnomalyDetection.Evaluate(anomalies);
Console.WriteLine($"anomaly AUROC {anomalyMetrics.AreaUnderRocCurve:F4}, detection rate at false positive count {anomalyMetrics.DetectionRateAtFalsePositiveCount:F4}");
mlContext.Model.Save(anomalyModelFitted, table.Schema, anomalyModelPath);
WriteAnomalies(anomalies, Path.Combine(folder, "anomalies.txt"));

// Few labels: the autoencoder learns from every image, FastTree from the few labelled ones.
var embedding = mlContext.Transforms.NormalizeMinMax("Features")
    .Append(mlContext.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 16, epochs: 5))
    .Fit(images);
var embedded = embedding.Transform(images);
var labelled = mlContext.Data.FilterRowsByColumn(embedded, "Labelled", lowerBound: 1, upperBound: 2);
var classifier = mlContext.Transforms.Conversion.MapValueToKey("Label")
    .Append(mlContext.MulticlassClassification.Trainers.OneVersusAll(
        mlContext.BinaryClassification.Trainers.FastTree(featureColumnName: "Embedding", numberOfLeaves: 4, numberOfTrees: 50, minimumExampleCountPerLeaf: 2)))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var folds = mlContext.MulticlassClassification.CrossValidate(labelled, classifier, numberOfFolds: 3);
Console.WriteLine($"cross-validated accuracy on the labelled rows {folds.Average(fold => fold.Metrics.MicroAccuracy):F4}");
var classifierFitted = classifier.Fit(labelled);
var classifierModelFitted = embedding.Append(classifierFitted);
var classes = classifierModelFitted.Transform(images);
var classMetrics = mlContext.MulticlassClassification.Evaluate(mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(classes).Transform(classes));
Console.WriteLine($"accuracy on every image {classMetrics.MicroAccuracy:F4}");
mlContext.Model.Save(classifierModelFitted, images.Schema, classifierModelPath);
WriteClasses(classes, Path.Combine(folder, "classes.txt"));
return 0;

static void WriteAnomalies(IDataView scored, string path) => File.WriteAllLines(path,
    scored.GetColumn<float>("Score").Zip(scored.GetColumn<bool>("PredictedLabel"), (score, anomaly) => $"{score.ToString("R", CultureInfo.InvariantCulture)} {anomaly}"));

static void WriteClasses(IDataView scored, string path) => File.WriteAllLines(path,
    scored.GetColumn<float>("PredictedLabel").Zip(scored.GetColumn<float[]>("Score"),
        (label, scores) => $"{label.ToString(CultureInfo.InvariantCulture)} {string.Join(' ', scores.Select(score => score.ToString("R", CultureInfo.InvariantCulture)))}"));

/// <summary>A row of the table: whether it is an anomaly (1) or not (0), then its measurements.</summary>
public sealed class TableRow
{
    [LoadColumn(0)]
    public float Label { get; set; }

    [LoadColumn(1, 8), VectorType(8)]
    public float[] Features { get; set; } = [];
}

/// <summary>A row of the images file: the class, whether its label is kept for training (1) or not (0), then 784 pixels.</summary>
public sealed class ImageRow
{
    [LoadColumn(0)]
    public float Label { get; set; }

    [LoadColumn(1)]
    public float Labelled { get; set; }

    [LoadColumn(2, 785), VectorType(784)]
    public float[] Features { get; set; } = [];
}
