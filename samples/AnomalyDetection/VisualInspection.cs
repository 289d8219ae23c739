using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

/// <summary>
/// Visual inspection on a folder in MVTec AD's layout: a convolutional autoencoder detector learns
/// the good training images, streamed from the files through ML.NET's LoadImages, ResizeImages and
/// ExtractPixels; every test image gets a score and a per-pixel map (its smoothed squared errors,
/// the detector's feature contributions, averaged over channels and smoothed once more). Prints
/// image AUROC and, where masks exist, pixel AUROC, beside a baseline that needs no training:
/// raw-pixel distance to the nearest training image. Draws heat maps of the highest-scoring test
/// images. With --patch, a <see cref="PatchDetector"/> learns patches instead of whole images.
/// </summary>
internal static class VisualInspection
{
    /// <summary>Images are shrunk to at most this many pixels on their longer side unless --size says otherwise.</summary>
    private const int DefaultMaximumSide = 128;

    private const int HeatMapsDrawn = 8;

    /// <summary>The code's width, for whole images and patches alike.</summary>
    internal const int LatentDimension = 64;

    public static int Run(string folder, int? size, int? patch, bool quick, bool quiet, string pictures)
    {
        var (training, test) = InspectionFolder.Read(folder);
        var ml = new MLContext(seed: 1);

        // The first training image decides the working size and whether the images are grey.
        using var first = MLImage.CreateFromFile(training[0].ImagePath);
        var scale = Math.Min(1.0, (double)(size ?? DefaultMaximumSide) / Math.Max(first.Width, first.Height));
        var (height, width) = size is { } side ? (side, side) : (Math.Max(1, (int)Math.Round(first.Height * scale)), Math.Max(1, (int)Math.Round(first.Width * scale)));
        var grey = IsGrey(first);
        var shape = new ImageShape(grey ? 1 : 3, height, width);
        var sigma = Math.Max(1f, Math.Max(height, width) / 64f);
        if (patch > Math.Min(height, width))
        {
            throw new ArgumentException($"Patches of {patch} x {patch} do not fit images of {width} x {height}.");
        }

        Console.WriteLine($"training images {training.Count}");
        Console.WriteLine($"test images {test.Count} ({string.Join(", ", test.GroupBy(row => row.Defect).Select(group => $"{group.Key} {group.Count()}"))})");
        Console.WriteLine($"working size {width} x {height} ({(grey ? "grey" : "colour")}), "
            + (patch is { } p ? $"patches of {p} x {p} every {Math.Max(1, p / 2)} pixels, " : "") + $"error smoothing {sigma:G3} pixels");

        var pixels = Pixels(ml, "ImagePath", "Features", height, width, grey);
        var epochs = quick ? 5 : 60;
        var trainingRows = ml.Data.LoadFromEnumerable(training);
        var pixelReader = pixels.Fit(trainingRows);
        var trainingPixels = pixelReader.Transform(trainingRows).GetColumn<float[]>("Features").ToArray();
        var testPixels = pixelReader.Transform(ml.Data.LoadFromEnumerable(test)).GetColumn<float[]>("Features").ToArray();
        var (scores, maps) = patch is { } patchSize
            ? PatchDetector.Run(trainingPixels, testPixels, shape, patchSize, sigma, epochs, quiet)
            : ImageDetector(ml, pixels, training, test, shape, sigma, epochs, quiet);
        var masks = Masks(ml, test, height, width);
        Report("", ml, test, scores, masks, maps);

        var baseline = NearestTrainingImage.Score(trainingPixels, testPixels, shape, sigma);
        Report("baseline (nearest training image) ", ml, test, baseline.Scores, masks, baseline.Maps);

        var worst = Enumerable.Range(0, test.Count).OrderByDescending(row => scores[row]).Take(HeatMapsDrawn).ToArray();
        Directory.CreateDirectory(pictures);
        var heatMaps = Path.Combine(pictures, "images-heat-maps.png");
        HeatMaps.Save(heatMaps, worst.Select(row => ChannelMean(testPixels[row], shape)).ToList(), worst.Select(row => maps[row]).ToList(),
            masks is null ? null : worst.Select(row => masks[row]).ToList(), height, width);
        Console.WriteLine($"highest-scoring test images (heat maps in {heatMaps}):");
        foreach (var row in worst)
        {
            Console.WriteLine($"  {Path.GetRelativePath(folder, test[row].ImagePath)} score {scores[row]:G4} {test[row].Defect}");
        }

        return 0;
    }

    /// <summary>
    /// The pipeline's detector on whole images, streamed from the files: each image's score is its
    /// smoothed reconstruction error, its map its feature contributions (the smoothed squared
    /// differences) averaged over channels and smoothed once more.
    /// </summary>
    private static (float[] Scores, float[][] Maps) ImageDetector(MLContext ml, IEstimator<ITransformer> pixels, IReadOnlyList<InspectionImage> training,
        IReadOnlyList<InspectionImage> test, ImageShape shape, float sigma, int epochs, bool quiet)
    {
        var options = new AutoencoderAnomalyDetectionOptions
        {
            ImageShape = shape, Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(shape.Height, shape.Width), LatentDimension = LatentDimension,
            Epochs = epochs, BatchSize = 32, ValidationFraction = 0.1f, Score = AnomalyScore.SmoothedReconstructionError, ErrorSmoothingSigma = sigma,
            FeatureContributionsColumnName = "Errors", FalsePositiveRate = 0.05f,
            Progress = quiet ? null : new Progress<EpochProgress>(epoch =>
                Console.Error.WriteLine($"  epoch {epoch.Epoch}/{epoch.EpochCount}: loss {epoch.TrainingLoss:G4}, validation {epoch.ValidationLoss:G4}")),
        };
        using var model = pixels.Append(ml.AnomalyDetection.Trainers.Autoencoder(options)).Fit(ml.Data.LoadFromEnumerable(training));
        var scored = ml.Data.CreateEnumerable<ScoredImage>(model.Transform(ml.Data.LoadFromEnumerable(test)), reuseRowObject: false).ToList();
        return (scored.Select(row => row.Score).ToArray(), scored.Select(row => Smoothed(ChannelMean(row.Errors, shape), shape.Height, shape.Width, sigma)).ToArray());
    }

    /// <summary>Each pixel's mean over the channels of <paramref name="planes"/> (channel planes of height x width, as ExtractPixels lays them).</summary>
    public static float[] ChannelMean(float[] planes, ImageShape shape)
    {
        var pixels = shape.Height * shape.Width;
        var mean = new float[pixels];
        for (var channel = 0; channel < shape.Channels; channel++)
        {
            for (var pixel = 0; pixel < pixels; pixel++)
            {
                mean[pixel] += planes[channel * pixels + pixel] / shape.Channels;
            }
        }

        return mean;
    }

    /// <summary>
    /// <paramref name="map"/> (height x width) blurred by a Gaussian of <paramref name="sigma"/> pixels,
    /// its kernel cut at 3 sigma and renormalized at the borders, so that a defect's errors gather
    /// into one region rather than scattered pixels.
    /// </summary>
    public static float[] Smoothed(float[] map, int height, int width, float sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-0.5 * k * k / (sigma * sigma))).ToArray();
        float[] Pass(float[] source, bool alongRows)
        {
            var result = new float[source.Length];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var (sum, weight) = (0.0, 0.0);
                    for (var k = -radius; k <= radius; k++)
                    {
                        var (sy, sx) = alongRows ? (y, x + k) : (y + k, x);
                        if (sy >= 0 && sy < height && sx >= 0 && sx < width)
                        {
                            sum += kernel[k + radius] * source[sy * width + sx];
                            weight += kernel[k + radius];
                        }
                    }

                    result[y * width + x] = (float)(sum / weight);
                }
            }

            return result;
        }

        return Pass(Pass(map, alongRows: true), alongRows: false);
    }

    private static bool IsGrey(MLImage image)
    {
        var bytes = image.Pixels;
        for (var i = 0; i + 2 < bytes.Length; i += 4)
        {
            if (bytes[i] != bytes[i + 1] || bytes[i] != bytes[i + 2])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Load, resize, (grey,) pixels scaled to [0, 1], planes of height x width.</summary>
    private static IEstimator<ITransformer> Pixels(MLContext ml, string pathColumn, string output, int height, int width, bool grey)
    {
        var load = ml.Transforms.LoadImages("Image", imageFolder: null, pathColumn).Append(ml.Transforms.ResizeImages("Image", width, height));
        return grey
            ? load.Append(ml.Transforms.ConvertToGrayscale("Image")).Append(ml.Transforms.ExtractPixels(output, "Image", ColorBits.Red, scaleImage: 1f / 255))
            : load.Append(ml.Transforms.ExtractPixels(output, "Image", ColorBits.Rgb, scaleImage: 1f / 255));
    }

    /// <summary>The true masks at the working size (1 = defect), or null when no test image has one; good images have empty masks.</summary>
    private static float[][]? Masks(MLContext ml, IReadOnlyList<InspectionImage> test, int height, int width)
    {
        var withMasks = test.Where(row => row.MaskPath is not null).ToList();
        if (withMasks.Count == 0)
        {
            return null;
        }

        var rows = ml.Data.LoadFromEnumerable(withMasks.Select(row => new MaskRow { MaskPath = row.MaskPath! }));
        var resized = Pixels(ml, "MaskPath", "Mask", height, width, grey: true).Fit(rows).Transform(rows).GetColumn<float[]>("Mask").ToArray();
        var byPath = withMasks.Zip(resized).ToDictionary(pair => pair.First.ImagePath, pair => pair.Second.Select(value => value >= 0.5f ? 1f : 0f).ToArray());
        return test.Select(row => byPath.GetValueOrDefault(row.ImagePath) ?? new float[height * width]).ToArray();
    }

    /// <summary>Prints the image AUROC and, over every pixel of the test images that have masks (good ones included), the pixel AUROC.</summary>
    private static void Report(string method, MLContext ml, IReadOnlyList<InspectionImage> test, float[] scores, float[][]? masks, float[][] maps)
    {
        double ImageAuroc(Func<int, float> score) =>
            ml.AnomalyDetection.Evaluate(ml.Data.LoadFromEnumerable(test.Select((row, i) => new Scored { Label = row.Defect == InspectionFolder.Good ? 0f : 1f, Score = score(i) })))
                .AreaUnderRocCurve;
        Console.WriteLine($"{method}image AUROC {ImageAuroc(i => scores[i]):F4}");
        // The map's highest value: an image scored by its worst region rather than by all of it.
        Console.WriteLine($"{method}image AUROC by the worst region {ImageAuroc(i => maps[i].Max()):F4}");
        if (masks is null)
        {
            return;
        }

        var evaluated = Enumerable.Range(0, test.Count).Where(i => test[i].MaskPath is not null || test[i].Defect == InspectionFolder.Good);
        var pixels = ml.Data.LoadFromEnumerable(evaluated.SelectMany(i => maps[i].Select((value, pixel) => new Scored { Label = masks[i][pixel], Score = value })));
        Console.WriteLine($"{method}pixel AUROC {ml.AnomalyDetection.Evaluate(pixels).AreaUnderRocCurve:F4}");
    }

    private sealed class MaskRow
    {
        public string MaskPath { get; set; } = "";
    }

    /// <summary>A scored image or pixel (1 = anomaly). AUROC reads only the label and the score; the evaluator also needs a decision column.</summary>
    private sealed class Scored
    {
        public float Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class ScoredImage
    {
        public float Score { get; set; }

        public float[] Errors { get; set; } = [];
    }
}
