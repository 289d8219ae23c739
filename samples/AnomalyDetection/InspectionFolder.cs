/// <summary>One image of an inspection folder: its file, its defect ("good" for none), and its true mask's file when there is one.</summary>
internal sealed class InspectionImage
{
    public string ImagePath { get; set; } = "";

    public string Defect { get; set; } = "";

    public string? MaskPath { get; set; }
}

/// <summary>
/// A folder in MVTec AD's layout: train/good/ (good images to learn from), test/good/ and
/// test/&lt;defect&gt;/ (images to score), and optionally ground_truth/&lt;defect&gt;/&lt;name&gt;_mask.png
/// (where each defect is).
/// </summary>
internal static class InspectionFolder
{
    public const string Good = "good";

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp"];

    public static (IReadOnlyList<InspectionImage> Training, IReadOnlyList<InspectionImage> Test) Read(string folder)
    {
        var (trainingFolder, testFolder) = (Path.Combine(folder, "train", Good), Path.Combine(folder, "test"));
        foreach (var required in new[] { trainingFolder, testFolder })
        {
            if (!Directory.Exists(required))
            {
                throw new DirectoryNotFoundException(
                    $"'{Path.GetFullPath(required)}' does not exist: --images needs a folder in MVTec AD's layout (train/good/, test/good/, test/<defect>/, optionally ground_truth/<defect>/<name>_mask.png).");
            }
        }

        var training = Images(trainingFolder).Select(path => new InspectionImage { ImagePath = path, Defect = Good }).ToList();
        var test = Directory.EnumerateDirectories(testFolder).Order(StringComparer.Ordinal).SelectMany(defectFolder =>
        {
            var defect = Path.GetFileName(defectFolder);
            return Images(defectFolder).Select(path =>
            {
                var mask = Path.Combine(folder, "ground_truth", defect, Path.GetFileNameWithoutExtension(path) + "_mask.png");
                return new InspectionImage { ImagePath = path, Defect = defect, MaskPath = defect != Good && File.Exists(mask) ? Path.GetFullPath(mask) : null };
            });
        }).ToList();
        if (training.Count == 0 || test.All(image => image.Defect == Good) || test.All(image => image.Defect != Good))
        {
            throw new ArgumentException($"'{Path.GetFullPath(folder)}' needs training images in train/good/, and both good/ images and defect folders in test/ to evaluate.");
        }

        return (training, test);
    }

    private static IEnumerable<string> Images(string folder) =>
        Directory.EnumerateFiles(folder).Where(path => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant())).Order(StringComparer.Ordinal).Select(Path.GetFullPath);
}
