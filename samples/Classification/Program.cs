// Semi-supervised classification of Fashion-MNIST: featurizers learn from all 60,000 training
// images without labels; XGBoost (the same settings for every method) then learns from a few
// labelled images per class; accuracy is measured on the 10,000 test images.
// Prints "accuracy <method> <0.xxxx>" per method on standard output; progress goes to standard error.
//   dotnet run --project samples/Classification -c Release -- [--labels-per-class 100] [--quick] [--quiet]
using System.Globalization;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Autoencoders.Transforms.Data;

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

var labeled = FewPerClass(unlabeled, labelsPerClass);
Console.Error.WriteLine($"{unlabeled.GetRowCount()} unlabeled images, {labeled.GetRowCount()} labelled ({labelsPerClass} per class), {test.GetRowCount()} test images");

Report("raw-pixels", "Features", null);
Report("pca", "Embedding", ml.Transforms.ProjectToPrincipalComponents("Embedding", "Features", rank: 32).Fit(unlabeled));

// A denoising autoencoder: half of each image's pixels are masked afresh in every batch and the
// clean image is reconstructed, which makes its code more robust than a plain autoencoder's.
var epochs = quick ? 5 : 30;
var autoencoder = display.Run("denoising autoencoder", epochs, (progress, batches) => ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
{
    OutputColumnName = "Embedding", InputColumnName = "Features", LatentDimension = 64, HiddenWidths = [512],
    Noise = NoiseKind.Masking, NoiseLevel = 0.5f, Epochs = epochs, Progress = progress, BatchProgress = batches,
}).Fit(unlabeled));
Report("autoencoder", "Embedding", autoencoder);
var withPixels = ml.Transforms.Concatenate("Combined", "Embedding", "Features").Fit(autoencoder.Transform(unlabeled));
Report("autoencoder+raw-pixels", "Combined", new TransformerChain<ITransformer>(autoencoder, withPixels));

void Report(string method, string featureColumn, ITransformer? featurizer)
{
    var classifier = ml.MulticlassClassification.Trainers.XGBoost(new XGBoostOptions
    {
        LabelColumnName = "Label", FeatureColumnName = featureColumn, NumberOfTrees = 300, MaximumDepth = 4, LearningRate = 0.1f, Seed = 1,
    }).Fit(featurizer?.Transform(labeled) ?? labeled);
    var metrics = ml.MulticlassClassification.Evaluate(classifier.Transform(featurizer?.Transform(test) ?? test));
    Console.WriteLine($"accuracy {method} {metrics.MicroAccuracy:F4}");
}

IDataView FewPerClass(IDataView data, int perClass)
{
    var images = ml.Data.CreateEnumerable<Image>(data, reuseRowObject: false).ToList();
    var order = Enumerable.Range(0, images.Count).ToArray();
    new Random(7).Shuffle(order);
    return ml.Data.LoadFromEnumerable(order.GroupBy(row => images[row].Label).SelectMany(group => group.Take(perClass)).Select(row => images[row]).ToList());
}

class Image
{
    [VectorType(FashionMnist.ImageSize)] public float[] Features { get; set; } = [];
    public int Label { get; set; }
}
