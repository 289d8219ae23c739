using Autoencoders.Trainers;
using System.CommandLine;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace Autoencoders.Cli;

/// <summary>
/// train: reads a CSV or binary file (<see cref="TrainingInput"/>) and trains an autoencoder anomaly
/// detector on its numeric columns (missing values filled with the column's mean, then scaled to
/// [0, 1]) with the library's tabular defaults; or reads a folder of images (<see cref="ImageFolder"/>)
/// through ML.NET's LoadImages, ResizeImages and ExtractPixels and trains a convolutional detector
/// scored by its smoothed reconstruction error. Saves the fitted pipeline.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The column of per-feature reconstruction errors the detector adds, which score reads.</summary>
    public const string ContributionsColumn = "Contributions";

    /// <summary>Images are shrunk to at most this many pixels on their longer side unless --image-size says otherwise.</summary>
    private const int MaximumImageSide = 128;

    /// <summary>Rows per optimizer step for images: few images, each a large row.</summary>
    private const int ImageBatchSize = 32;

    /// <summary>The code's width for images.</summary>
    private const int ImageLatentDimension = 64;

    /// <summary>The train command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("The CSV file (with a header line), binary file (ml.Data.SaveAsBinary) or folder of images (MVTec AD's layout: its train/good/) to learn from.");
        var model = new Option<string>("--model") { Description = "Where to write the trained model (a zip).", Required = true };
        var label = new Option<string?>("--label-column") { Description = "A column saying which rows are anomalies (1/true): left out of the features; evaluate reads it." };
        var identifiers = new Option<string?>("--id-columns") { Description = "Comma-separated columns that name rows: shown by score, not learned from." };
        var contamination = new Option<float?>("--contamination") { Description = "The share of rows to flag. Default: a threshold from the scores alone (median + 2.5 median absolute deviations)." }
            .Requiring(share => share is > 0f and < 1f, "a share between 0 and 1 (both excluded)");
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the rows. Default: about 3,000 steps whatever the table's size." }
            .Requiring(count => count >= 1, "a whole number, 1 or more");
        var imageSize = new Option<int?>("--image-size")
        {
            Description = $"For a folder of images: the side of the squares they are resized to. Default: the first image's shape, shrunk to at most {MaximumImageSide} pixels on its longer side.",
        }.Requiring(side => side >= 1, "a whole number, 1 or more");
        var separator = CommonOptions.Separator();
        var quiet = CommonOptions.Quiet();
        var command = new Command("train", "Trains an autoencoder anomaly detector on a CSV file or a folder of images and saves it.")
        {
            data, model, label, identifiers, contamination, epochs, imageSize, separator, quiet,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(data), parsed.GetRequiredValue(model), parsed.GetValue(label),
            parsed.GetValue(identifiers)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            parsed.GetValue(contamination), parsed.GetValue(epochs), parsed.GetValue(imageSize), parsed.GetValue(separator), parsed.GetValue(quiet)));
        return command;
    }

    private static int Run(string path, string modelPath, string? labelColumn, string[] identifierColumns, float? contamination, int? epochs,
        int? imageSize, char separator, bool quiet)
    {
        var ml = new MLContext(seed: 1);
        var options = new AutoencoderAnomalyDetectionOptions
        {
            Contamination = contamination, AutomaticThreshold = contamination is null, FeatureContributionsColumnName = ContributionsColumn, Epochs = epochs,
        };
        var (data, pipeline) = ImageFolder.Is(path)
            ? ImagePipeline(ml, path, labelColumn, identifierColumns, imageSize, options)
            : TablePipeline(ml, path, labelColumn, identifierColumns, imageSize, separator, options);
        using var detector = new EpochProgressDisplay(quiet).Run("training", (progress, batches) =>
        {
            options.Progress = progress;
            options.BatchProgress = batches;
            return pipeline.Fit(data);
        });

        // Written beside the target, then renamed over it: a run killed while saving leaves the previous model whole.
        AtomicFile.Write(modelPath, stream => ml.Model.Save(detector, data.Schema, stream));

        var flagged = detector.Transform(data).GetColumn<bool>(AutoencoderAnomalyPredictionTransformer.PredictedLabelColumnName).Count(isAnomaly => isAnomaly);
        Console.WriteLine($"threshold {detector.LastTransformer.Threshold:G4} ({flagged} of the rows flagged)");
        Console.WriteLine($"model {Path.GetFullPath(modelPath)}");
        return CommandLineRunner.Success;
    }

    /// <summary>Assembling the file's numeric columns, missing values replaced by the column's mean, scaled to [0, 1], then the detector.</summary>
    private static (IDataView Data, EstimatorChain<AutoencoderAnomalyPredictionTransformer> Pipeline) TablePipeline(MLContext ml, string path, string? labelColumn, string[] identifierColumns,
        int? imageSize, char separator, AutoencoderAnomalyDetectionOptions options)
    {
        if (imageSize is not null)
        {
            throw new ArgumentException($"--image-size applies to folders of images, and '{path}' is a file.");
        }

        var (data, features, notUsed, rows) = TrainingInput.Read(ml, path, separator, labelColumn, identifierColumns);
        Console.WriteLine($"rows {rows}");
        Console.WriteLine($"features ({features.Count}): {string.Join(", ", features)}");
        Console.WriteLine($"not used ({notUsed.Count}): {(notUsed.Count == 0 ? "none" : string.Join("; ", notUsed))}");
        var pipeline = ml.Transforms.Concatenate("Features", features.ToArray())
            .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.NormalizeMinMax("Features", fixZero: false))
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(options));
        return (data, pipeline);
    }

    /// <summary>
    /// Loading, resizing (and, when the first image is grey, converting to grey) and extracting the
    /// pixels scaled to [0, 1], then a convolutional detector that scores an image by its smoothed
    /// reconstruction error, so that a small defect counts as a region rather than scattered pixels.
    /// </summary>
    private static (IDataView Data, EstimatorChain<AutoencoderAnomalyPredictionTransformer> Pipeline) ImagePipeline(MLContext ml, string folder, string? labelColumn, string[] identifierColumns,
        int? imageSize, AutoencoderAnomalyDetectionOptions options)
    {
        if (labelColumn is not null || identifierColumns.Length > 0)
        {
            throw new ArgumentException($"--label-column and --id-columns apply to CSV files; '{folder}' is a folder, whose images are named by their paths and labelled by their folders' names.");
        }

        var images = ImageFolder.TrainingImages(folder);
        using var first = MLImage.CreateFromFile(images[0]);
        var scale = Math.Min(1.0, (double)MaximumImageSide / Math.Max(first.Width, first.Height));
        var (height, width) = imageSize is { } side ? (side, side) : (Math.Max(1, (int)Math.Round(first.Height * scale)), Math.Max(1, (int)Math.Round(first.Width * scale)));
        var grey = IsGrey(first);
        Console.WriteLine($"images {images.Count} in {Path.GetDirectoryName(images[0])}{(images.Any(image => Path.GetDirectoryName(image) != Path.GetDirectoryName(images[0])) ? " and below" : "")}");
        Console.WriteLine($"working size {width} x {height} ({(grey ? "grey" : "colour")})");

        options.ImageShape = new ImageShape(grey ? 1 : 3, height, width);
        options.Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(height, width);
        options.LatentDimension = ImageLatentDimension;
        options.BatchSize = ImageBatchSize;
        options.Score = AnomalyScore.SmoothedReconstructionError;
        options.ErrorSmoothingSigma = Math.Max(1f, Math.Max(height, width) / 64f);
        var pixels = ml.Transforms.LoadImages("Image", imageFolder: null, ImageFolder.PathColumn).Append(ml.Transforms.ResizeImages("Image", width, height));
        var pipeline = grey
            ? pixels.Append(ml.Transforms.ConvertToGrayscale("Image")).Append(ml.Transforms.ExtractPixels("Features", "Image", ColorBits.Red, scaleImage: 1f / 255))
            : pixels.Append(ml.Transforms.ExtractPixels("Features", "Image", ColorBits.Rgb, scaleImage: 1f / 255));
        return (ImageFolder.Unlabelled(ml, images), pipeline.Append(ml.AnomalyDetection.Trainers.Autoencoder(options)));
    }

    /// <summary>Whether every pixel of <paramref name="image"/> (four bytes each) has equal red, green and blue.</summary>
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
}
