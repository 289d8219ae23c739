using Microsoft.ML;

namespace Autoencoders.Cli;

/// <summary>
/// A folder of images as the commands read it: every image file under it (PNG, JPEG, BMP, GIF),
/// in path order, each row its absolute path. A folder in MVTec AD's layout (train/ and test/
/// beside each other) is read as such: train learns train/good/, the other commands read test/.
/// An image's label is its folder's name: "good" is normal, any other name (test/&lt;defect&gt;/) an anomaly.
/// </summary>
internal static class ImageFolder
{
    /// <summary>The column holding each image's path, which the model's LoadImages step reads.</summary>
    public const string PathColumn = "ImagePath";

    /// <summary>The Boolean column evaluate and report add: whether an image is in a folder named other than <see cref="Good"/>.</summary>
    public const string LabelColumn = "Anomaly";

    /// <summary>The name of the folders of normal images.</summary>
    public const string Good = "good";

    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif"];

    /// <summary>Whether <paramref name="path"/> names a folder rather than a file.</summary>
    public static bool Is(string path) => Directory.Exists(path);

    /// <summary>The images train learns from: train/good/ of an MVTec-layout folder, else all of them.</summary>
    public static IReadOnlyList<string> TrainingImages(string folder) =>
        Images(IsInspectionLayout(folder) ? Path.Combine(folder, "train", Good) : folder);

    /// <summary>The images the other commands score: test/ of an MVTec-layout folder, else all of them.</summary>
    public static IReadOnlyList<string> TestImages(string folder) =>
        Images(IsInspectionLayout(folder) ? Path.Combine(folder, "test") : folder);

    /// <summary>
    /// The rows of <paramref name="images"/>: their paths and, where the images hold both normal ones
    /// and anomalies, their labels in <see cref="LabelColumn"/>, which <paramref name="requireLabels"/> demands.
    /// </summary>
    public static IDataView Load(MLContext ml, IReadOnlyList<string> images, bool requireLabels)
    {
        if (images.Any(IsAnomaly) && !images.All(IsAnomaly))
        {
            return ml.Data.LoadFromEnumerable(images.Select(path => new LabelledImageRow { ImagePath = path, Anomaly = IsAnomaly(path) }));
        }

        return requireLabels
            ? throw new ArgumentException(
                $"Images are labelled by their folders' names ('{Good}' for normal, any other for anomalies), and every image here is {(IsAnomaly(images[0]) ? "outside" : "in")} a folder named '{Good}'; " +
                "measuring needs both, as in MVTec AD's test/good/ and test/<defect>/.")
            : Unlabelled(ml, images);
    }

    /// <summary>The rows of <paramref name="images"/>, their paths alone: what train learns from.</summary>
    public static IDataView Unlabelled(MLContext ml, IReadOnlyList<string> images) =>
        ml.Data.LoadFromEnumerable(images.Select(path => new ImageRow { ImagePath = path }));

    private static bool IsAnomaly(string image) => Path.GetFileName(Path.GetDirectoryName(image)) != Good;

    private static bool IsInspectionLayout(string folder) =>
        Directory.Exists(Path.Combine(folder, "train", Good)) && Directory.Exists(Path.Combine(folder, "test"));

    private static IReadOnlyList<string> Images(string folder)
    {
        var images = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            .Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        return images.Count > 0
            ? images
            : throw new ArgumentException($"'{Path.GetFullPath(folder)}' holds no image ({string.Join(", ", Extensions)}), in it or below.");
    }

    private class ImageRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class LabelledImageRow : ImageRow
    {
        public bool Anomaly { get; set; }
    }
}
