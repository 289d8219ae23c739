// Semi-supervised classification of Fashion-MNIST: featurizers learn from all 60,000 training
// images without labels; XGBoost (the same settings for every method) and ML.NET's L-BFGS softmax
// regression then learn from a few labelled images per class (with shifted and mirrored copies);
// accuracy is measured on the 10,000 test images.
// Prints "accuracy <method> <0.xxxx>" per method on standard output; progress goes to standard error.
//   dotnet run --project samples/Classification -c Release -- [--labels-per-class 100] [--quick] [--quiet]
using System.Globalization;
using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var arguments = new SampleArguments(args);
var labelsPerClass = arguments.Integer("--labels-per-class") ?? 100;
var quick = arguments.Has("--quick");
var display = new EpochProgressDisplay(quiet: arguments.Has("--quiet"));

var ml = new MLContext(seed: 1);
var dir = FashionMnist.Directory;
var unlabeled = ml.Data.LoadFromIdxFiles($"{dir}/train-images-idx3-ubyte.gz", $"{dir}/train-labels-idx1-ubyte.gz");
var test = ml.Data.LoadFromIdxFiles($"{dir}/t10k-images-idx3-ubyte.gz", $"{dir}/t10k-labels-idx1-ubyte.gz");
if (quick)
{
    unlabeled = ml.Data.TakeRows(unlabeled, 15_000);
}

// Every method learns from the same labelled images, each also shifted by a pixel in four
// directions and all of those mirrored: 10 rows per image (the quick run skips this).
var labeled = FewPerClass(unlabeled, labelsPerClass);
if (!quick)
{
    labeled = ml.Data.AugmentImages(labeled, "Features", FashionMnist.Shape, maximumShift: 1, mirror: true);
}

Console.Error.WriteLine($"{unlabeled.GetRowCount()} unlabeled images, {labelsPerClass} labelled per class ({labeled.GetRowCount()} rows), {test.GetRowCount()} test images");

var rawPixels = Report("raw-pixels", "Features", null);
Report("pca", "Embedding", ml.Transforms.ProjectToPrincipalComponents("Embedding", "Features", rank: 32).Fit(unlabeled));

// A denoising autoencoder: half of each image's pixels are masked afresh in every batch and the
// clean image is reconstructed, which makes its code more robust than a plain autoencoder's.
var epochs = quick ? 5 : 30;
var autoencoder = display.Run("denoising autoencoder", (progress, batches) => ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
{
    OutputColumnName = "Embedding", InputColumnName = "Features", LatentDimension = 64, HiddenWidths = [512],
    Noise = NoiseKind.Masking, NoiseLevel = 0.5f, Epochs = epochs, Progress = progress, BatchProgress = batches,
}).Fit(unlabeled));
var code = Report("autoencoder", "Embedding", autoencoder);
var withPixels = ml.Transforms.Concatenate("Combined", "Embedding", "Features").Fit(autoencoder.Transform(unlabeled));
Report("autoencoder+raw-pixels", "Combined", new TransformerChain<ITransformer>(autoencoder, withPixels));

// The code's and the pixels' classifiers err on different images: averaging their class
// probabilities is better than either.
var averaged = code.Zip(rawPixels, (fromCode, fromPixels) =>
{
    var score = fromCode.Score.Zip(fromPixels.Score, (a, b) => (a + b) / 2).ToArray();
    return new Prediction { Label = fromCode.Label, Score = score, PredictedLabel = Array.IndexOf(score, score.Max()) };
});
Console.WriteLine($"accuracy autoencoder-and-raw-pixels-averaged {ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(averaged)).MicroAccuracy:F4}");

// A linear classifier suits the code's smooth space better than trees do with few labels. The code
// is standardized on the unlabelled images' codes; the L2 weight is chosen by cross-validation on
// the labelled rows alone, an image and its copies kept in one fold.
ReportLinear("raw-pixels-lbfgs", "Features", null);
var standardized = ml.Transforms.NormalizeMeanVariance("Code", "Embedding").Fit(autoencoder.Transform(unlabeled));
ReportLinear("autoencoder-lbfgs", "Code", new TransformerChain<ITransformer>(autoencoder, standardized));

void ReportLinear(string method, string featureColumn, ITransformer? featurizer)
{
    Console.Error.WriteLine($"L-BFGS softmax regression on {method}...");
    var rows = ml.Data.Cache(featurizer?.Transform(labeled) ?? labeled);
    LbfgsMaximumEntropyMulticlassTrainer Trainer(float l2) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: featureColumn, l1Regularization: 0, l2Regularization: l2);
    var l2 = new[] { 1f, 10f, 100f }.MaxBy(candidate =>
        ml.MulticlassClassification.CrossValidate(rows, Trainer(candidate), numberOfFolds: 3, samplingKeyColumnName: "Image", seed: 1).Average(fold => fold.Metrics.MicroAccuracy));
    var predictions = Trainer(l2).Fit(rows).Transform(featurizer?.Transform(test) ?? test);
    Console.Error.WriteLine($"  L2 weight {l2}, chosen by 3-fold cross-validation on the labelled rows");
    Console.WriteLine($"accuracy {method} {ml.MulticlassClassification.Evaluate(predictions).MicroAccuracy:F4}");
}

List<Prediction> Report(string method, string featureColumn, ITransformer? featurizer)
{
    Console.Error.WriteLine($"XGBoost on {method}...");
    using var classifier = ml.MulticlassClassification.Trainers.XGBoost(new XGBoostOptions
    {
        LabelColumnName = "Label", FeatureColumnName = featureColumn, NumberOfTrees = 300, MaximumDepth = 4, LearningRate = 0.1f, Seed = 1,
    }).Fit(featurizer?.Transform(labeled) ?? labeled);
    var predictions = classifier.Transform(featurizer?.Transform(test) ?? test);
    Console.WriteLine($"accuracy {method} {ml.MulticlassClassification.Evaluate(predictions).MicroAccuracy:F4}");
    return ml.Data.CreateEnumerable<Prediction>(predictions, reuseRowObject: false).ToList();
}

IDataView FewPerClass(IDataView data, int perClass)
{
    var images = ml.Data.CreateEnumerable<Image>(data, reuseRowObject: false).ToList();
    var order = Enumerable.Range(0, images.Count).ToArray();
    new Random(7).Shuffle(order);
    return ml.Data.LoadFromEnumerable(order.GroupBy(row => images[row].Label).SelectMany(group => group.Take(perClass))
        .Select(row => new LabelledImage { Features = images[row].Features, Label = images[row].Label, Image = row }).ToList());
}

class Prediction
{
    public int Label { get; set; }
    [VectorType(10)] public float[] Score { get; set; } = [];
    public int PredictedLabel { get; set; }
}

class Image
{
    [VectorType(FashionMnist.ImageSize)] public float[] Features { get; set; } = [];
    public int Label { get; set; }
}

class LabelledImage
{
    [VectorType(FashionMnist.ImageSize)] public float[] Features { get; set; } = [];
    public int Label { get; set; }

    /// <summary>The image's row in the training file: its shifted and mirrored copies share it.</summary>
    public int Image { get; set; }
}
