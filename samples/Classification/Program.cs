// Semi-supervised classification of Fashion-MNIST: featurizers learn from all 60,000 training
// images without labels; LightGBM (the same settings for every method) and ML.NET's L-BFGS softmax
// regression, on the features themselves or on a Gaussian kernel's random Fourier features, then
// learn from a few labelled images per class (with shifted and mirrored copies); the semi-supervised
// autoencoder trainer learns from all 60,000 images in one fit, the few with their labels; accuracy
// is measured on the 10,000 test images.
// Prints "accuracy <method> <0.xxxx>" per method on standard output; progress goes to standard error.
// --full adds a sweep over 10 (five label draws), 100 and 1,000 labels per class, printed as
// "accuracy@<n> <method> <0.xxxx>" (the mean over the draws) and drawn as a learning curve
// (--plot FILE, accuracy-by-labels.svg by default; .png and other extensions also work).
// --semi-supervised-epochs sets the semi-supervised trainer's passes (3; 1 with --quick);
// --semi-supervised-threshold its confidence threshold (a probability, or "adaptive"; 0.95).
//   dotnet run --project samples/Classification -c Release -- [--labels-per-class 100] [--semi-supervised-epochs 3]
//     [--semi-supervised-threshold 0.95|adaptive] [--quick] [--full [--plot FILE]] [--quiet]
using System.Globalization;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var labelsPerClass = 100;
var plotPath = "accuracy-by-labels.svg";
int? semiSupervisedEpochs = null;
var semiSupervisedThreshold = new SemiSupervisedAutoencoderOptions().ConfidenceThreshold;
bool quick = false, full = false, quiet = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--full": full = true; break;
        case "--quiet": quiet = true; break;
        case "--labels-per-class" when i + 1 < args.Length && int.TryParse(args[i + 1], out var count) && count >= 1:
            labelsPerClass = count;
            i++;
            break;
        case "--plot" when i + 1 < args.Length:
            plotPath = args[++i];
            break;
        case "--semi-supervised-epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var epochs) && epochs >= 1:
            semiSupervisedEpochs = epochs;
            i++;
            break;
        case "--semi-supervised-threshold" when i + 1 < args.Length && args[i + 1] == "adaptive":
            semiSupervisedThreshold = null;
            i++;
            break;
        case "--semi-supervised-threshold" when i + 1 < args.Length && float.TryParse(args[i + 1], out var threshold) && threshold is > 0f and <= 1f:
            semiSupervisedThreshold = threshold;
            i++;
            break;
        default:
            Console.Error.WriteLine($"error: unknown or incomplete argument '{args[i]}'");
            Console.Error.WriteLine("usage: Classification [--labels-per-class N] [--semi-supervised-epochs N] [--semi-supervised-threshold P|adaptive] [--quick] [--full [--plot FILE]] [--quiet]");
            return 2;
    }
}

var ml = new MLContext(seed: 1);
var (trainingImages, trainingLabels) = FashionMnist.LoadTraining(quick ? 15_000 : null);
var (testImages, testLabels) = FashionMnist.LoadTest();
var images = Enumerable.Range(0, trainingImages.Rows)
    .Select(row => new LabelledImage { Features = trainingImages.Row(row).ToArray(), Label = (uint)trainingLabels[row], Image = row }).ToList();
var unlabelled = ml.Data.LoadFromEnumerable(images);
var test = ml.Data.LoadFromEnumerable(Enumerable.Range(0, testImages.Rows)
    .Select(row => new LabelledImage { Features = testImages.Row(row).ToArray(), Label = (uint)testLabels[row], Image = -1 }));
Console.Error.WriteLine($"{images.Count} unlabelled images, {testImages.Rows} test images");

var pca = ml.Transforms.ProjectToPrincipalComponents("Embedding", "Features", rank: 32).Fit(unlabelled);

// A denoising autoencoder: half of each image's pixels are masked afresh in every batch and the
// clean image is reconstructed, which makes its code more robust than a plain autoencoder's.
Console.Error.WriteLine("denoising autoencoder...");
var autoencoder = ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
{
    OutputColumnName = "Embedding", InputColumnName = "Features", LatentDimension = 64, HiddenWidths = [512],
    Noise = NoiseKind.Masking, NoiseLevel = 0.5f, Epochs = quick ? 5 : 30,
    Progress = quiet ? null : new Progress<EpochProgress>(epoch => Console.Error.WriteLine($"  epoch {epoch.Epoch}/{epoch.EpochCount}: loss {epoch.TrainingLoss:G4}")),
}).Fit(unlabelled);
var embedded = ml.Data.Cache(autoencoder.Transform(unlabelled));
var withPixels = autoencoder.Append(ml.Transforms.Concatenate("Combined", "Embedding", "Features").Fit(embedded));
var standardizedCode = autoencoder.Append(ml.Transforms.NormalizeMeanVariance("Code", "Embedding").Fit(embedded));

// A Gaussian kernel's random Fourier features (ML.NET's ApproximatedKernelMap, its default width),
// fitted on the unlabelled images: a linear classifier on them approximates an RBF support vector machine.
const int kernelRank = 2000;
var pixelKernel = ml.Transforms.ApproximatedKernelMap("Kernel", "Features", rank: kernelRank).Fit(unlabelled);
var codeKernel = standardizedCode.Append(ml.Transforms.ApproximatedKernelMap("Kernel", "Code", rank: kernelRank).Fit(standardizedCode.Transform(unlabelled)));

var results = Evaluate(labelsPerClass, draw: 0);
foreach (var (method, accuracy) in results)
{
    Console.WriteLine($"accuracy {method} {accuracy:F4}");
}

if (full)
{
    var sweep = new List<LearningCurve.Point>();
    foreach (var (count, draws) in new[] { (10, 5), (100, 1), (1000, 1) })
    {
        var runs = Enumerable.Range(0, draws).Select(draw => count == labelsPerClass && draw == 0 ? results : Evaluate(count, draw)).ToList();
        foreach (var (method, _) in results)
        {
            var accuracies = runs.Select(run => run.Single(result => result.Method == method).Accuracy).ToList();
            Console.WriteLine($"accuracy@{count} {method} {accuracies.Average():F4}");
            sweep.Add(new LearningCurve.Point(method, count, accuracies));
            if (draws > 1)
            {
                Console.Error.WriteLine($"  {method}, {draws} label draws: {string.Join(" ", accuracies.Select(accuracy => $"{accuracy:F4}"))}");
            }
        }
    }

    LearningCurve.Save(plotPath, sweep, "Fashion-MNIST test accuracy by labelled images per class");
    Console.Error.WriteLine($"learning curve written to {plotPath}");
}

return 0;

// Every method of one run learns from the same labelled images, each also shifted by a pixel in
// four directions and all of those mirrored: 10 rows per image. The quick run skips the copies, and
// so does a run with 1,000 or more per class, where they would make the sweep take an hour.
List<(string Method, double Accuracy)> Evaluate(int perClass, int draw)
{
    var few = FewPerClass(perClass, seed: 7 + draw);
    var labelled = ml.Data.Cache(ml.Data.LoadFromEnumerable(!quick && perClass < 1000 ? ImageCopies.Of(few, 28) : few));
    Console.Error.WriteLine($"{perClass} labelled images per class, draw {draw + 1} ({labelled.GetRowCount()} rows)");
    var accuracies = new List<(string Method, double Accuracy)>();
    var rawPixels = Trees("raw-pixels", "Features", null);
    Trees("pca", "Embedding", pca);
    var code = Trees("autoencoder", "Embedding", autoencoder);
    Trees("autoencoder+raw-pixels", "Combined", withPixels);

    // The code's and the pixels' classifiers err on different images: averaging their class
    // probabilities is better than either.
    Averaged("autoencoder-and-raw-pixels-averaged", code, rawPixels);

    // A linear classifier suits the code's smooth space better than trees do with few labels. The code
    // is standardized on the unlabelled images' codes.
    Linear("raw-pixels-lbfgs", "Features", null, [1f, 10f, 100f]);
    Linear("autoencoder-lbfgs", "Code", standardizedCode, [1f, 10f, 100f]);
    Linear("raw-pixels-kernel", "Kernel", pixelKernel, [0.1f, 1f, 10f]);
    var codeByKernel = Linear("autoencoder-kernel", "Kernel", codeKernel, [0.1f, 1f, 10f]);
    Averaged("autoencoder-kernel-and-raw-pixels-averaged", codeByKernel, rawPixels);
    SemiSupervised("semi-supervised-autoencoder", few);
    return accuracies;

    // One fit over all the training images, the drawn ones with their labels and the others with none:
    // a convolutional autoencoder, its classifier and the consistency of shifted, mirrored and cut-out
    // views train together (a dense network gains nothing from the unlabelled images; see the README).
    void SemiSupervised(string method, List<LabelledImage> labelledImages)
    {
        Console.Error.WriteLine($"  {method}...");
        var labelOf = labelledImages.ToDictionary(image => (int)image.Image, image => (float)image.Label);
        var rows = ml.Data.LoadFromEnumerable(images.Select(image => new PartlyLabelledImage { Features = image.Features, Class = labelOf.GetValueOrDefault((int)image.Image, float.NaN) }));
        var classifier = ml.Transforms.Conversion.MapValueToKey("Label", "Class", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.SemiSupervisedAutoencoder(new SemiSupervisedAutoencoderOptions
            {
                ImageShape = FashionMnist.Shape, Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(28, 28), Epochs = semiSupervisedEpochs ?? (quick ? 1 : 3),
                ConfidenceThreshold = semiSupervisedThreshold,
                Progress = quiet ? null : new Progress<EpochProgress>(epoch => Console.Error.WriteLine($"    epoch {epoch.Epoch}/{epoch.EpochCount}: loss {epoch.TrainingLoss:G4}")),
            }))
            .Fit(rows);
        var testRows = ml.Data.LoadFromEnumerable(ml.Data.CreateEnumerable<LabelledImage>(test, reuseRowObject: false)
            .Select(image => new PartlyLabelledImage { Features = image.Features, Class = image.Label }));
        Predictions(method, classifier.Transform(testRows));
        classifier.LastTransformer.Dispose();
    }

    void Averaged(string method, List<Prediction> first, List<Prediction> second)
    {
        var correct = first.Zip(second, (a, b) =>
        {
            var sums = a.Score.Zip(b.Score, (x, y) => x + y).ToArray();
            return Array.IndexOf(sums, sums.Max());
        }).Zip(testLabels, (predicted, label) => predicted == label).Count(same => same);
        accuracies.Add((method, correct / (double)testLabels.Length));
    }

    List<Prediction> Trees(string method, string featureColumn, ITransformer? featurizer)
    {
        Console.Error.WriteLine($"  LightGBM on {method}...");
        var pipeline = LabelAsKey()
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = featureColumn, NumberOfIterations = 300, NumberOfLeaves = 16, LearningRate = 0.1,
                Seed = 1, Verbose = false, Silent = true,
            }));
        var classifier = pipeline.Fit(featurizer?.Transform(labelled) ?? labelled);
        return Predictions(method, classifier.Transform(featurizer?.Transform(test) ?? test));
    }

    // The L2 weight is chosen by cross-validation on the labelled rows alone, an image and its copies kept in one fold.
    List<Prediction> Linear(string method, string featureColumn, ITransformer? featurizer, float[] l2Candidates)
    {
        Console.Error.WriteLine($"  L-BFGS softmax regression on {method}...");
        var rows = ml.Data.Cache(featurizer?.Transform(labelled) ?? labelled);
        IEstimator<ITransformer> Trainer(float l2) => LabelAsKey()
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: featureColumn, l1Regularization: 0, l2Regularization: l2));
        var l2 = l2Candidates.MaxBy(candidate =>
            ml.MulticlassClassification.CrossValidate(rows, Trainer(candidate), numberOfFolds: 3, samplingKeyColumnName: "Image", seed: 1).Average(fold => fold.Metrics.MicroAccuracy));
        Console.Error.WriteLine($"    L2 weight {l2}, chosen by 3-fold cross-validation on the labelled rows");
        return Predictions(method, Trainer(l2).Fit(rows).Transform(featurizer?.Transform(test) ?? test));
    }

    // Keys in the labels' order, so that Score[i] is the probability of class i for every method.
    IEstimator<ITransformer> LabelAsKey() => ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

    List<Prediction> Predictions(string method, IDataView scored)
    {
        accuracies.Add((method, ml.MulticlassClassification.Evaluate(scored).MicroAccuracy));
        return ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToList();
    }
}

// The first perClass images of each class in an order shuffled by seed: a larger count's draw holds a smaller one's.
List<LabelledImage> FewPerClass(int perClass, int seed)
{
    var order = Enumerable.Range(0, images.Count).ToArray();
    new Random(seed).Shuffle(order);
    return order.GroupBy(row => images[row].Label).SelectMany(group => group.Take(perClass)).Select(row => images[row]).ToList();
}

/// <summary>A training image for the semi-supervised trainer: its class, or NaN (a missing label) for the images without one.</summary>
internal sealed class PartlyLabelledImage
{
    [VectorType(FashionMnist.ImageSize)]
    public float[] Features { get; set; } = [];

    public float Class { get; set; }
}

internal sealed class Prediction
{
    [VectorType(10)]
    public float[] Score { get; set; } = [];
}
