using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms.Image;
using Autoencoders.Visualization;
using static Autoencoders.Transforms.Image.ImagePixelExtractingEstimator;

/// <summary>
/// Visual inspection on a folder in MVTec AD's layout: a convolutional autoencoder learns the good
/// training images; every test image gets a score and a per-pixel anomaly map. Prints image AUROC
/// and, where masks exist, pixel AUROC, beside a baseline that needs no training: raw-pixel distance
/// to the nearest training image. Writes heat maps of the highest-scoring test images.
/// </summary>
internal static class VisualInspection
{
    /// <summary>Images are shrunk to at most this many pixels on their longer side unless --size says otherwise.</summary>
    private const int DefaultMaximumSide = 128;

    private const int HeatMapsDrawn = 8;

    /// <summary>The code's width, for whole images and patches alike.</summary>
    internal const int LatentDimension = 64;

    public static void Run(string folder, int? size, int? patch, bool structuralDissimilarity, bool quick, EpochProgressDisplay display, string pictures)
    {
        var (training, test) = InspectionFolder.Read(folder);
        var ml = new MLContext(seed: 1);

        // The first training image decides the working size and whether the images are grey.
        using var first = MLImage.CreateFromFile(training[0].ImagePath);
        var scale = Math.Min(1.0, (double)(size ?? DefaultMaximumSide) / Math.Max(first.Width, first.Height));
        var (height, width) = size is { } side ? (side, side) : (Math.Max(1, (int)Math.Round(first.Height * scale)), Math.Max(1, (int)Math.Round(first.Width * scale)));
        var grey = first.PixelFormat is MLPixelFormat.Gray8 or MLPixelFormat.Gray16;
        var shape = new ImageShape(grey ? 1 : 3, height, width);
        var sigma = Math.Max(1f, Math.Max(height, width) / 64f);
        Console.WriteLine($"training images {training.Count}");
        Console.WriteLine($"test images {test.Count} ({string.Join(", ", test.GroupBy(row => row.Defect).Select(group => $"{group.Key} {group.Count()}"))})");
        Console.WriteLine($"working size {width} x {height} ({(grey ? "grey" : "colour")}), "
            + (patch is { } p ? $"patches of {p} x {p} every {Stride(p)} pixels, " : "")
            + (structuralDissimilarity ? "map 1 - SSIM over windows of 1.5 pixels" : $"map smoothing {sigma:G3} pixels"));

        var bitsPerSample = first.PixelFormat is MLPixelFormat.Gray16 or MLPixelFormat.Bgr48 or MLPixelFormat.Bgra64 ? 16 : 8;
        var pixels = Pixels(ml, "ImagePath", "Features", height, width, grey, bitsPerSample);
        var trainingPixels = Features(ml, pixels, training);
        var testPixels = Features(ml, pixels, test);
        var epochs = quick ? 5 : 60;
        var (scores, maps, history) = patch is { } patchSize
            ? PatchDetector.Run(trainingPixels, testPixels, shape, patchSize, Stride(patchSize), epochs, structuralDissimilarity, sigma, display)
            : ImageDetector(ml, pixels, training, test, shape, epochs, structuralDissimilarity, sigma, display);
        var masks = Masks(ml, test, height, width);
        Report("", ml, test, scores, masks, maps);

        var baseline = NearestTrainingImage.Score(trainingPixels, testPixels, shape, sigma);
        Report("baseline (nearest training image) ", ml, test, baseline.Scores, masks, baseline.Maps);

        var worst = Enumerable.Range(0, test.Count).OrderByDescending(row => scores[row]).Take(HeatMapsDrawn).ToArray();
        var heatMaps = Path.Combine(pictures, "images-heat-maps.png");
        Pictures.SaveHeatMaps(heatMaps, FeatureMatrix.FromRows(worst.Select(row => testPixels[row]).ToList()),
            FeatureMatrix.FromRows(worst.Select(row => maps[row]).ToList()), shape,
            mapMax: Quantile(maps.SelectMany(map => map), 0.999), masks: masks is null ? null : FeatureMatrix.FromRows(worst.Select(row => masks[row]).ToList()),
            scale: Math.Max(1, 128 / Math.Max(height, width)));
        Console.WriteLine($"highest-scoring test images (heat maps in {heatMaps}):");
        foreach (var row in worst)
        {
            Console.WriteLine($"  {Path.GetRelativePath(folder, test[row].ImagePath)} score {scores[row]:G4} {test[row].Defect}");
        }

        if (history.Count > 0)
        {
            Charts.SaveLossCurve(Path.Combine(pictures, "images-loss.svg"), history, "Convolutional autoencoder on the good images");
        }
    }

    /// <summary>Patches overlap by half, so a defect on a patch's border is also near another's middle.</summary>
    private static int Stride(int patch) => Math.Max(1, patch / 2);

    /// <summary>
    /// The pipeline's detector on whole images, streamed from the files: each image's score is its
    /// smoothed reconstruction error, its map <c>AnomalyMap</c> of the smoothed squared differences (or
    /// <c>StructuralDissimilarityMap</c>).
    /// </summary>
    private static (float[] Scores, float[][] Maps, IReadOnlyList<EpochProgress> History) ImageDetector(MLContext ml, IEstimator<ITransformer> pixels,
        IReadOnlyList<InspectionImage> training, IReadOnlyList<InspectionImage> test, ImageShape shape, int epochs, bool structuralDissimilarity, float sigma,
        EpochProgressDisplay display)
    {
        var options = new AutoencoderAnomalyDetectionOptions
        {
            ImageShape = shape, Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(shape.Height, shape.Width), LatentDimension = LatentDimension,
            Epochs = epochs, BatchSize = 32, ValidationFraction = 0.1f, Score = AnomalyScore.SmoothedReconstructionError,
            FeatureContributionsColumnName = "Errors", ReconstructionColumnName = structuralDissimilarity ? "Reconstruction" : null, FalsePositiveRate = 0.05f,
        };
        IEstimator<ITransformer> map = structuralDissimilarity
            ? ml.Transforms.StructuralDissimilarityMap("Map", "Features", "Reconstruction", shape)
            : ml.Transforms.AnomalyMap("Map", "Errors", shape, sigma);
        using var model = display.Run("autoencoder", (progress, batches) =>
        {
            (options.Progress, options.BatchProgress) = (progress, batches);
            return pixels.Append(ml.AnomalyDetection.Trainers.Autoencoder(options)).Append(map).Fit(ml.Data.LoadFromEnumerable(training));
        });

        var scored = ml.Data.CreateEnumerable<ScoredImage>(model.Transform(ml.Data.LoadFromEnumerable(test)), reuseRowObject: false).ToList();
        return (scored.Select(row => row.Score).ToArray(), scored.Select(row => row.Map).ToArray(), model.OfType<AnomalyPredictionTransformer>().Single().TrainingHistory);
    }

    /// <summary>Load, resize, (grey,) pixels scaled to [0, 1], planes of height x width.</summary>
    private static IEstimator<ITransformer> Pixels(MLContext ml, string pathColumn, string output, int height, int width, bool grey, int bitsPerSample)
    {
        var load = ml.Transforms.LoadImages("Image", imageFolder: null, pathColumn).Append(ml.Transforms.ResizeImages("Image", width, height));
        var scale = 1f / ((1 << bitsPerSample) - 1);
        return grey
            ? load.Append(ml.Transforms.ConvertToGrayscale("Image")).Append(ml.Transforms.ExtractPixels(output, "Image", ColorBits.Red, scaleImage: scale))
            : load.Append(ml.Transforms.ExtractPixels(output, "Image", ColorBits.Rgb, scaleImage: scale));
    }

    /// <summary>The images' pixels, read once into memory: the baseline and the patches need them all.</summary>
    private static float[][] Features(MLContext ml, IEstimator<ITransformer> pixels, IReadOnlyList<InspectionImage> images)
    {
        var rows = ml.Data.LoadFromEnumerable(images);
        return pixels.Fit(rows).Transform(rows).GetColumn<float[]>("Features").ToArray();
    }

    /// <summary>The true masks at the working size (1 = defect), or null when no test image has one; good images have empty masks.</summary>
    private static float[][]? Masks(MLContext ml, IReadOnlyList<InspectionImage> test, int height, int width)
    {
        if (test.All(row => row.MaskPath is null))
        {
            return null;
        }

        var withMasks = test.Where(row => row.MaskPath is not null).ToList();
        var rows = ml.Data.LoadFromEnumerable(withMasks.Select(row => new MaskRow { MaskPath = row.MaskPath! }));
        var resized = Pixels(ml, "MaskPath", "Mask", height, width, grey: true, bitsPerSample: 8).Fit(rows).Transform(rows).GetColumn<float[]>("Mask").ToArray();
        var byPath = withMasks.Zip(resized).ToDictionary(pair => pair.First.ImagePath, pair => pair.Second.Select(value => value >= 0.5f ? 1f : 0f).ToArray());
        return test.Select(row => byPath.GetValueOrDefault(row.ImagePath) ?? new float[height * width]).ToArray();
    }

    /// <summary>Prints the image AUROC and, over every pixel of the test images that have masks (good ones included), the pixel AUROC.</summary>
    private static void Report(string method, MLContext ml, IReadOnlyList<InspectionImage> test, float[] scores, float[][]? masks, float[][] maps)
    {
        var images = ml.Data.LoadFromEnumerable(test.Select((row, i) => new Scored { Label = row.Defect != InspectionFolder.Good, Score = scores[i] }));
        Console.WriteLine($"{method}image AUROC {ml.AnomalyDetection.Evaluate(images, labelColumnName: "Label").AreaUnderRocCurve:F4}");
        if (masks is null)
        {
            return;
        }

        var evaluated = Enumerable.Range(0, test.Count).Where(i => test[i].MaskPath is not null || test[i].Defect == InspectionFolder.Good);
        var pixels = ml.Data.LoadFromEnumerable(evaluated.SelectMany(i => maps[i].Select((value, pixel) => new Scored { Label = masks[i][pixel] > 0, Score = value })));
        Console.WriteLine($"{method}pixel AUROC {ml.AnomalyDetection.Evaluate(pixels, labelColumnName: "Label").AreaUnderRocCurve:F4}");
    }

    private static float Quantile(IEnumerable<float> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return Math.Max(sorted[(int)Math.Min(sorted.Length - 1, quantile * sorted.Length)], float.Epsilon);
    }

    private sealed class MaskRow
    {
        public string MaskPath { get; set; } = "";
    }

    /// <summary>A scored image or pixel. AUROC reads only the label and the score; the evaluator also needs a decision column.</summary>
    private sealed class Scored
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class ScoredImage
    {
        public float Score { get; set; }

        public float[] Map { get; set; } = [];
    }
}
