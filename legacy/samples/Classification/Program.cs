// Semi-supervised classification of Fashion-MNIST: featurizers learn from all 60,000 training
// images without labels; XGBoost (the same settings for every method) and ML.NET's L-BFGS softmax
// regression, on the features themselves or on a Gaussian kernel's random Fourier features, then
// learn from a few labelled images per class (with shifted and mirrored copies); accuracy is
// measured on the 10,000 test images.
// Prints "accuracy <method> <0.xxxx>" per method on standard output; progress goes to standard error.
// --full adds a sweep over 10 (five label draws), 100 and 1,000 labels per class, printed as
// "accuracy@<n> <method> <0.xxxx>" (the mean over the draws) and drawn as an SVG learning curve.
//   dotnet run --project samples/Classification -c Release -- [--labels-per-class 100] [--quick] [--full [--plot FILE]] [--quiet]
using System.CommandLine;
using System.Globalization;
using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Autoencoders.Visualization;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var labelsOption = new Option<int>("--labels-per-class") { Description = "Labelled images per class for the accuracy lines.", DefaultValueFactory = _ => 100 }
    .Requiring(count => count >= 1, "a whole number, 1 or more");
var quickOption = new Option<bool>("--quick") { Description = "Learn from 15,000 images for 5 epochs, without the shifted and mirrored copies." };
var fullOption = new Option<bool>("--full") { Description = "Also sweep 10 (five label draws), 100 and 1,000 labels per class and draw the learning curve." };
var plotOption = new Option<string>("--plot") { Description = "Where --full writes the learning curve (SVG).", DefaultValueFactory = _ => "accuracy-by-labels.svg" };
var quietOption = new Option<bool>("--quiet") { Description = "Show no progress." };
var root = new RootCommand("Semi-supervised Fashion-MNIST: featurizers learn from every training image, classifiers from a few labelled ones.")
{
    labelsOption, quickOption, fullOption, plotOption, quietOption,
};
root.SetAction(parsed => Run(parsed.GetValue(labelsOption), parsed.GetValue(quickOption), parsed.GetValue(fullOption), parsed.GetRequiredValue(plotOption),
    parsed.GetValue(quietOption)));
return CommandLineRunner.Run(root, args);

static void Run(int labelsPerClass, bool quick, bool full, string plot, bool quiet)
{
    var display = new EpochProgressDisplay(quiet);
    var ml = new MLContext(seed: 1);
    var dir = FashionMnist.Directory;
    var unlabeled = ml.Data.LoadFromIdxFiles($"{dir}/train-images-idx3-ubyte.gz", $"{dir}/train-labels-idx1-ubyte.gz");
    var test = ml.Data.LoadFromIdxFiles($"{dir}/t10k-images-idx3-ubyte.gz", $"{dir}/t10k-labels-idx1-ubyte.gz");
    if (quick)
    {
        unlabeled = ml.Data.TakeRows(unlabeled, 15_000);
    }

    var images = ml.Data.CreateEnumerable<Image>(unlabeled, reuseRowObject: false).ToList();
    Console.Error.WriteLine($"{images.Count} unlabeled images, {test.GetRowCount()} test images");

    var pca = ml.Transforms.ProjectToPrincipalComponents("Embedding", "Features", rank: 32).Fit(unlabeled);

    // A denoising autoencoder: half of each image's pixels are masked afresh in every batch and the
    // clean image is reconstructed, which makes its code more robust than a plain autoencoder's.
    var epochs = quick ? 5 : 30;
    var autoencoder = display.Run("denoising autoencoder", (progress, batches) => ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
    {
        OutputColumnName = "Embedding", InputColumnName = "Features", LatentDimension = 64, HiddenWidths = [512],
        Noise = NoiseKind.Masking, NoiseLevel = 0.5f, Epochs = epochs, Progress = progress, BatchProgress = batches,
    }).Fit(unlabeled));
    var withPixels = new TransformerChain<ITransformer>(autoencoder, ml.Transforms.Concatenate("Combined", "Embedding", "Features").Fit(autoencoder.Transform(unlabeled)));
    var standardizedCode = new TransformerChain<ITransformer>(autoencoder, ml.Transforms.NormalizeMeanVariance("Code", "Embedding").Fit(autoencoder.Transform(unlabeled)));

    // A Gaussian kernel's random Fourier features (ML.NET's ApproximatedKernelMap, its default width:
    // relative to the median distance between rows), fitted on the unlabelled images: a linear
    // classifier on them approximates an RBF support vector machine.
    const int kernelRank = 2000;
    var pixelKernel = ml.Transforms.ApproximatedKernelMap("Kernel", "Features", rank: kernelRank).Fit(unlabeled);
    var codeKernel = new TransformerChain<ITransformer>(standardizedCode,
        ml.Transforms.ApproximatedKernelMap("Kernel", "Code", rank: kernelRank).Fit(standardizedCode.Transform(unlabeled)));

    var results = Evaluate(labelsPerClass, draw: 0);
    foreach (var (method, accuracy) in results)
    {
        Console.WriteLine($"accuracy {method} {accuracy:F4}");
    }

    if (full)
    {
        var sweep = new List<(string Method, int Labels, double Accuracy)>();
        foreach (var (count, draws) in new[] { (10, 5), (100, 1), (1000, 1) })
        {
            var runs = Enumerable.Range(0, draws).Select(draw => count == labelsPerClass && draw == 0 ? results : Evaluate(count, draw)).ToList();
            foreach (var (method, _) in results)
            {
                var accuracies = runs.Select(run => run.Single(result => result.Method == method).Accuracy).ToList();
                sweep.AddRange(accuracies.Select(accuracy => (method, count, accuracy)));
                Console.WriteLine($"accuracy@{count} {method} {accuracies.Average():F4}");
                if (draws > 1)
                {
                    Console.Error.WriteLine($"  {method}, {draws} label draws: {string.Join(" ", accuracies.Select(accuracy => $"{accuracy:F4}"))}");
                }
            }
        }

        Charts.SaveLearningCurve(plot, sweep, "Fashion-MNIST test accuracy by labelled images per class");
        Console.Error.WriteLine($"Learning curve written to {plot}");
    }

    // Every method of one run learns from the same labelled images, each also shifted by a pixel in
    // four directions and all of those mirrored: 10 rows per image. The quick run skips the copies, and
    // so does a run with 1,000 or more per class, where they would make the sweep take an hour.
    List<(string Method, double Accuracy)> Evaluate(int perClass, int draw)
    {
        var labeled = FewPerClass(perClass, seed: 7 + draw);
        if (!quick && perClass < 1000)
        {
            labeled = ml.Data.Cache(ml.Data.AugmentImages(labeled, "Features", FashionMnist.Shape, maximumShift: 1, mirror: true));
        }

        Console.Error.WriteLine($"{perClass} labelled images per class, draw {draw + 1} ({labeled.GetRowCount()} rows)");
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
        return accuracies;

        void Averaged(string method, List<Prediction> first, List<Prediction> second)
        {
            var averaged = first.Zip(second, (a, b) =>
            {
                var score = a.Score.Zip(b.Score, (x, y) => (x + y) / 2).ToArray();
                return new Prediction { Label = a.Label, Score = score, PredictedLabel = Array.IndexOf(score, score.Max()) };
            });
            accuracies.Add((method, ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(averaged)).MicroAccuracy));
        }

        List<Prediction> Trees(string method, string featureColumn, ITransformer? featurizer)
        {
            Console.Error.WriteLine($"  XGBoost on {method}...");
            using var classifier = ml.MulticlassClassification.Trainers.XGBoost(new XGBoostOptions
            {
                LabelColumnName = "Label", FeatureColumnName = featureColumn, NumberOfTrees = 300, MaximumDepth = 4, LearningRate = 0.1f, Seed = 1,
            }).Fit(featurizer?.Transform(labeled) ?? labeled);
            var predictions = classifier.Transform(featurizer?.Transform(test) ?? test);
            accuracies.Add((method, ml.MulticlassClassification.Evaluate(predictions).MicroAccuracy));
            return ml.Data.CreateEnumerable<Prediction>(predictions, reuseRowObject: false).ToList();
        }

        // The L2 weight is chosen by cross-validation on the labelled rows alone, an image and its copies kept in one fold.
        List<Prediction> Linear(string method, string featureColumn, ITransformer? featurizer, float[] l2Candidates)
        {
            Console.Error.WriteLine($"  L-BFGS softmax regression on {method}...");
            var rows = ml.Data.Cache(featurizer?.Transform(labeled) ?? labeled);
            LbfgsMaximumEntropyMulticlassTrainer Trainer(float l2) =>
                ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: featureColumn, l1Regularization: 0, l2Regularization: l2);
            var l2 = l2Candidates.MaxBy(candidate =>
                ml.MulticlassClassification.CrossValidate(rows, Trainer(candidate), numberOfFolds: 3, samplingKeyColumnName: "Image", seed: 1).Average(fold => fold.Metrics.MicroAccuracy));
            Console.Error.WriteLine($"    L2 weight {l2}, chosen by 3-fold cross-validation on the labelled rows");
            var predictions = Trainer(l2).Fit(rows).Transform(featurizer?.Transform(test) ?? test);
            accuracies.Add((method, ml.MulticlassClassification.Evaluate(predictions).MicroAccuracy));
            return ml.Data.CreateEnumerable<Prediction>(predictions, reuseRowObject: false).ToList();
        }
    }

    // The first perClass images of each class in an order shuffled by seed: a larger count's draw holds a smaller one's.
    IDataView FewPerClass(int perClass, int seed)
    {
        var order = Enumerable.Range(0, images.Count).ToArray();
        new Random(seed).Shuffle(order);
        return ml.Data.LoadFromEnumerable(order.GroupBy(row => images[row].Label).SelectMany(group => group.Take(perClass))
            .Select(row => new LabelledImage { Features = images[row].Features, Label = images[row].Label, Image = row }).ToList());
    }
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
