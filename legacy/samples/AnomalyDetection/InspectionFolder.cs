using Autoencoders;
using Autoencoders.Data;

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

        var ml = new MLContext();
        var training = ml.Data.LoadFromImageFolder(trainingFolder, useFolderNameAsLabel: false).GetColumn<string>("ImagePath")
            .Select(path => new InspectionImage { ImagePath = Path.GetFullPath(Path.Combine(trainingFolder, path)), Defect = Good })
            .ToList();
        var listed = ml.Data.LoadFromImageFolder(testFolder);
        var test = listed.GetColumn<string>("ImagePath").Zip(listed.GetColumn<string>("Label")).Select(file =>
        {
            var mask = Path.Combine(folder, "ground_truth", file.Second, Path.GetFileNameWithoutExtension(file.First) + "_mask.png");
            return new InspectionImage
            {
                ImagePath = Path.GetFullPath(Path.Combine(testFolder, file.First)), Defect = file.Second,
                MaskPath = file.Second != Good && File.Exists(mask) ? Path.GetFullPath(mask) : null,
            };
        }).ToList();
        if (test.All(image => image.Defect == Good) || test.All(image => image.Defect != Good))
        {
            throw new ArgumentException($"'{Path.GetFullPath(testFolder)}' needs both good/ images and defect folders to evaluate.");
        }

        return (training, test);
    }
}
