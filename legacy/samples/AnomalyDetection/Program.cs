// Anomaly detection with autoencoders, two ways:
//   Fashion-MNIST one-class protocol (default): for each class k, learn class k's training images
//   only, score all 10,000 test images, the other nine classes being anomalies. Prints
//   "class <k> AUROC <0.xxxx>" per class, then "mean AUROC <0.xxxx>".
//   Any CSV: --csv PATH --label-column NAME (1/true = anomaly, used only to evaluate).
//   Visual inspection: --images DIR, a folder in MVTec AD's layout. Prints "image AUROC <0.xxxx>"
//   and, where masks exist, "pixel AUROC <0.xxxx>", beside the nearest-training-image baseline.
// --help lists every option. Exit codes: 0 success, 1 bad input, 2 bad usage.
using System.CommandLine;
using System.Globalization;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var csvOption = new Option<string?>("--csv") { Description = "Find the anomalies in this CSV file instead of running the Fashion-MNIST protocol." };
var labelOption = new Option<string?>("--label-column") { Description = "CSV mode: the column saying which rows are anomalies (1/true), used only to evaluate." };
var identifiersOption = new Option<string?>("--id-columns") { Description = "CSV mode: comma-separated columns that name rows (shown, not learned from)." };
var separatorOption = new Option<char>("--separator") { Description = "CSV mode: the field separator.", DefaultValueFactory = _ => ',' };
var contaminationOption = new Option<float?>("--contamination")
{
    Description = "CSV mode: flag this share of the rows. Default: a threshold from the scores alone (median + 2.5 median absolute deviations).",
}.Requiring(share => share is > 0f and < 1f, "a share between 0 and 1 (both excluded)");
var onnxOption = new Option<string?>("--onnx") { Description = "CSV mode: also write the fitted pipeline as an ONNX model here." };
var imagesOption = new Option<string?>("--images")
{
    Description = "Inspect the images of this folder in MVTec AD's layout (train/good/, test/good/, test/<defect>/, optionally ground_truth/<defect>/<name>_mask.png) instead of running the Fashion-MNIST protocol.",
};
var sizeOption = new Option<int?>("--size") { Description = "Images mode: resize every image to this many pixels square. Default: as they are, shrunk to at most 128 pixels on the longer side." }
    .Requiring(size => size >= 1, "a whole number of pixels, 1 or more");
var patchOption = new Option<int?>("--patch")
{
    Description = "Images mode: learn and score square patches of this many pixels (overlapping by half) instead of whole images; an image scores as its worst patch.",
}.Requiring(size => size >= 1, "a whole number of pixels, 1 or more");
var ssimOption = new Option<bool>("--ssim")
{
    Description = "Images mode: map each image by its structural dissimilarity (1 - SSIM) to its reconstruction, as AE-SSIM does, instead of the smoothed squared error.",
};
var classOption = new Option<int?>("--class") { Description = "Fashion-MNIST mode: run only this class (0-9)." }.Requiring(k => k is >= 0 and <= 9, "a class from 0 to 9");
var quickOption = new Option<bool>("--quick") { Description = "Fashion-MNIST and images modes: fewer images and epochs." };
var picturesOption = new Option<string>("--pictures") { Description = "Where to write the pictures.", DefaultValueFactory = _ => "anomaly-pictures" };
var quietOption = new Option<bool>("--quiet") { Description = "Show no progress." };
var root = new RootCommand("Anomaly detection with autoencoders: the Fashion-MNIST one-class protocol, any CSV file, or a folder of images to inspect.")
{
    csvOption, labelOption, identifiersOption, separatorOption, contaminationOption, onnxOption, imagesOption, sizeOption, patchOption, ssimOption, classOption, quickOption, picturesOption, quietOption,
};
root.SetAction(parsed =>
{
    var display = new EpochProgressDisplay(quiet: parsed.GetValue(quietOption));
    var pictures = parsed.GetRequiredValue(picturesOption);
    Directory.CreateDirectory(pictures);
    if (parsed.GetValue(csvOption) is { } csv)
    {
        var label = parsed.GetValue(labelOption) ?? throw new ArgumentException("--csv needs --label-column NAME (the column that says which rows are anomalies).");
        var identifiers = parsed.GetValue(identifiersOption)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        CsvAnomalies.Run(csv, label, identifiers, parsed.GetValue(separatorOption), parsed.GetValue(contaminationOption), display, pictures, parsed.GetValue(onnxOption));
    }
    else if (parsed.GetValue(imagesOption) is { } images)
    {
        VisualInspection.Run(images, parsed.GetValue(sizeOption), parsed.GetValue(patchOption), parsed.GetValue(ssimOption), parsed.GetValue(quickOption), display, pictures);
    }
    else
    {
        var classes = parsed.GetValue(classOption) is { } k ? [k] : Enumerable.Range(0, 10).ToArray();
        FashionOneClass.Run(classes, parsed.GetValue(quickOption), display, pictures);
    }

    Console.Error.WriteLine($"pictures in {Path.GetFullPath(pictures)}");
});
return CommandLineRunner.Run(root, args);
