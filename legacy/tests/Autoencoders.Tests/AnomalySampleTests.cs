using System.Globalization;
using Autoencoders.Data;

namespace Autoencoders.Tests;

/// <summary>The anomaly sample's CSV mode, run as a user runs it: output lines, pictures, exit codes.</summary>
public class AnomalySampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("anomaly-sample-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TheShippedCsvIsScoredAndExplained()
    {
        var csv = Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv");
        var (exit, output, error) = Run("--csv", csv, "--label-column", "faulty");

        Assert.True(exit == 0, error);
        var auroc = double.Parse(output.Split('\n').Single(line => line.StartsWith("AUROC ")).Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(auroc > 0.95, output);
        foreach (var metric in new[]
        {
            "detection rate at 10 false positives ", "precision ", "recall ", "F1 ", "best F1 ", "threshold ", "RandomizedPca (rank 1) AUROC 0.",
            "RandomizedPca F1 at its threshold 0.5 ",
        })
        {
            Assert.Contains(output.Split('\n'), line => line.StartsWith(metric));
        }

        Assert.Equal(10, output.Split('\n').Count(line => line.StartsWith("  row ")));
        Assert.Contains("rows 1200\n", output);
        Assert.Contains("features (5): temperature_c, vibration_mm_s, pressure_bar, rpm, power_kw", output);
        Assert.Contains("not used (1): machine (text, e.g. line 2 'M00')", output);
        Assert.Contains("(automatic: the scores' median + 2.5 median absolute deviations;", output);
        Assert.True(File.Exists(Path.Combine(_directory, "csv-roc.svg")));
    }

    [Fact]
    public void EmptyAndNaNCellsAreFilledWithTheColumnMeanAndTheFileIsStillScored()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv"));
        for (var i = 1; i < lines.Length; i += 40)
        {
            var fields = lines[i].Split(',');
            fields[1 + i % 5] = i % 80 == 1 ? "" : "NaN";
            lines[i] = string.Join(',', fields);
        }

        var csv = Path.Combine(_directory, "gaps.csv");
        File.WriteAllLines(csv, lines);
        var (exit, output, error) = Run("--csv", csv, "--label-column", "faulty");

        Assert.True(exit == 0, error);
        Assert.Contains("features (5): temperature_c, vibration_mm_s, pressure_bar, rpm, power_kw", output);
        var auroc = double.Parse(output.Split('\n').Single(line => line.StartsWith("AUROC ")).Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(auroc > 0.9, output);
    }

    [Fact]
    public void AMalformedCsvEndsWithOneErrorNamingLineAndColumn()
    {
        var csv = Path.Combine(_directory, "broken.csv");
        File.WriteAllLines(csv, ["id,a,b,label", "x,1,2,0", "y,3,oops,1"]);

        var (exit, output, error) = Run("--csv", csv, "--label-column", "label");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: '{csv}' line 3 (row 1): column 'b' field 2 is 'oops', which is not a number; 1 other rows of the column are numbers.", error.Trim());
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void AMissingMarkTheLoaderDoesNotReadIsAnErrorNotADroppedColumn()
    {
        var csv = Path.Combine(_directory, "missing.csv");
        File.WriteAllLines(csv, ["id,a,b,label", "x,n/a,2,0", "y,3,4,1"]);

        var (exit, output, error) = Run("--csv", csv, "--label-column", "label");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: '{csv}' line 2 (row 0): column 'a' field 1 is 'n/a', a mark of a missing value the loader does not read;", error.Trim());
        Assert.Equal("", output);
    }

    [Fact]
    public void ErrorsAfterABlankLineNameTheRightLine()
    {
        var csv = Path.Combine(_directory, "blank.csv");
        File.WriteAllLines(csv, ["id,a,b,label", "x,1,2,0", "", "y,3,1e39,1"]);

        var (exit, _, error) = Run("--csv", csv, "--label-column", "label");

        Assert.Equal(1, exit);
        Assert.Equal($"error: '{csv}' line 4 (row 1): column 'b' field 2 is '1e39', which is beyond the range of a Single (about ±3.4e38).", error.Trim());
    }

    [Fact]
    public void AMisspelledOptionIsAnErrorWithTheUsageNotIgnored()
    {
        var (exit, output, error) = Run("--csv", Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv"), "--label-colum", "faulty");

        Assert.Equal(2, exit);
        Assert.Contains("error: Unrecognized command or argument '--label-colum'.", error);
        Assert.Contains("--label-column <label-column>", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--contamination", "2", "--contamination takes a share between 0 and 1 (both excluded), not '2'.")]
    [InlineData("--class", "10", "--class takes a class from 0 to 9, not '10'.")]
    [InlineData("--patch", "0", "--patch takes a whole number of pixels, 1 or more, not '0'.")]
    public void AnOptionValueOutOfRangeIsBadUsageNamingTheOption(string option, string value, string complaint)
    {
        var (exit, output, error) = Run("--csv", Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv"), "--label-column", "faulty", option, value);

        Assert.Equal(2, exit);
        Assert.Contains($"error: {complaint}", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void ColumnsNamedAsIdentifiersAreLeftOutAndSaidSo()
    {
        var csv = Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv");
        var (exit, output, error) = Run("--csv", csv, "--label-column", "faulty", "--id-columns", "rpm");

        Assert.True(exit == 0, error);
        Assert.Contains("features (4): temperature_c, vibration_mm_s, pressure_bar, power_kw", output);
        Assert.Contains("not used (2): machine (text, e.g. line 2 'M00'); rpm (named as an identifier)", output);
    }

    [Fact]
    public void TheExportedPipelineScoresTheCsvAsTheSampleDoesInOnnxRuntime()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv"));
        for (var i = 1; i < lines.Length; i += 30)
        {
            var fields = lines[i].Split(',');
            fields[1 + i % 5] = "";
            lines[i] = string.Join(',', fields);
        }

        var csv = Path.Combine(_directory, "gaps.csv");
        File.WriteAllLines(csv, lines);
        var onnx = Path.Combine(_directory, "detector.onnx");
        var (exit, output, error) = Run("--csv", csv, "--label-column", "faulty", "--onnx", onnx);
        Assert.True(exit == 0, error);
        Assert.Contains($"ONNX model {onnx}", output);

        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToArray();
        var inputs = Enumerable.Range(1, 5).Select(column => new OnnxTensor(header[column],
            rows.Select(fields => fields[column] == "" ? float.NaN : float.Parse(fields[column], CultureInfo.InvariantCulture)).ToArray(),
            [rows.Length, 1])).ToArray();
        using var session = new OnnxRuntimeSession(File.ReadAllBytes(onnx));
        var scores = (float[])session.Run(inputs, ["Score"]).Single().Values;

        var printed = output.Split('\n').Where(line => line.StartsWith("  row ")).Select(line => line.Split(' ')).ToArray();
        Assert.Equal(10, printed.Length);
        foreach (var fields in printed)
        {
            var row = int.Parse(fields[3], CultureInfo.InvariantCulture);
            var score = float.Parse(fields[Array.IndexOf(fields, "score") + 1], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(scores[row] - score) <= 1e-3f * score, $"row {row}: the sample printed {score}, ONNX Runtime gives {scores[row]}");
        }
    }

    [Fact]
    public void TheShippedInspectionFolderGetsImageAndPixelAurocsBesideTheBaselineAndHeatMaps()
    {
        var (exit, output, error) = Run("--images", Path.Combine(AppContext.BaseDirectory, "data", "ankle-boot"), "--quick");

        Assert.True(exit == 0, error);
        Assert.Contains("training images 300\n", output);
        Assert.Contains("test images 100 (good 40, hole 20, scratch 20, stain 20)\n", output);
        Assert.Contains("working size 28 x 28 (grey)", output);
        double Value(string name) => double.Parse(output.Split('\n').Single(line => line.StartsWith(name + " ")).Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.InRange(Value("image AUROC"), 0.5, 1);
        Assert.InRange(Value("pixel AUROC"), 0.7, 1);
        Assert.InRange(Value("baseline (nearest training image) image AUROC"), 0, 1);
        Assert.InRange(Value("baseline (nearest training image) pixel AUROC"), 0, 1);
        Assert.Equal(8, output.Split('\n').Count(line => line.StartsWith("  test/")));
        using var heatMaps = MLImage.CreateFromFile(Path.Combine(_directory, "images-heat-maps.png"));
        Assert.Equal((8 * (28 * 4 + 2) + 2, 3 * (28 * 4 + 2) + 2), (heatMaps.Width, heatMaps.Height));
    }

    [Fact]
    public void TheSsimMapIsAnOptionOfTheImagesMode()
    {
        var (exit, output, error) = Run("--images", Path.Combine(AppContext.BaseDirectory, "data", "ankle-boot"), "--quick", "--ssim");

        Assert.True(exit == 0, error);
        Assert.Contains("map 1 - SSIM over windows of 1.5 pixels", output);
        var pixelAuroc = double.Parse(output.Split('\n').Single(line => line.StartsWith("pixel AUROC ")).Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.InRange(pixelAuroc, 0.6, 1);
    }

    [Fact]
    public void PatchesAreAnOptionOfTheImagesMode()
    {
        var (exit, output, error) = Run("--images", Path.Combine(AppContext.BaseDirectory, "data", "ankle-boot"), "--quick", "--patch", "14");

        Assert.True(exit == 0, error);
        Assert.Contains("patches of 14 x 14 every 7 pixels", output);
        var pixelAuroc = double.Parse(output.Split('\n').Single(line => line.StartsWith("pixel AUROC ")).Split(' ')[^1], CultureInfo.InvariantCulture);
        Assert.InRange(pixelAuroc, 0.6, 1);

        (exit, _, error) = Run("--images", Path.Combine(AppContext.BaseDirectory, "data", "ankle-boot"), "--quick", "--patch", "40");
        Assert.Equal(1, exit);
        Assert.Contains("Patches of 40 x 40 do not fit images of 28 x 28.", error);
    }

    [Fact]
    public void AnyFolderOfTheLayoutWorksInColourAndWithoutMasks()
    {
        // Colour images of 12 x 16: good ones are a smooth gradient, defective ones carry a bright red square.
        var random = new Random(3);
        void Write(string relativePath, bool defect)
        {
            var pixels = new byte[12 * 16 * 3];
            for (var y = 0; y < 12; y++)
            for (var x = 0; x < 16; x++)
            {
                var level = (byte)(60 + 8 * x + random.Next(10));
                (pixels[(y * 16 + x) * 3], pixels[(y * 16 + x) * 3 + 1], pixels[(y * 16 + x) * 3 + 2]) = (level, (byte)(level / 2), 40);
                if (defect && y is >= 4 and < 8 && x is >= 5 and < 9)
                {
                    (pixels[(y * 16 + x) * 3], pixels[(y * 16 + x) * 3 + 1], pixels[(y * 16 + x) * 3 + 2]) = (0, 0, 255);
                }
            }

            var path = Path.Combine(_directory, "parts", relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            MLImage.CreateFromPixels(16, 12, MLPixelFormat.Bgr24, pixels).Save(path);
        }

        for (var i = 0; i < 40; i++) Write($"train/good/{i}.png", false);
        for (var i = 0; i < 6; i++) Write($"test/good/{i}.png", false);
        for (var i = 0; i < 6; i++) Write($"test/red/{i}.png", true);

        var (exit, output, error) = Run("--images", Path.Combine(_directory, "parts"), "--quick");

        Assert.True(exit == 0, error);
        Assert.Contains("working size 16 x 12 (colour)", output);
        Assert.Contains("image AUROC 1.0000\n", output);
        Assert.DoesNotContain("pixel AUROC", output);
    }

    [Fact]
    public void AFolderNotInTheLayoutIsAnErrorNamingWhatIsMissing()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "flat"));
        var (exit, output, error) = Run("--images", Path.Combine(_directory, "flat"));

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: '{Path.Combine(_directory, "flat", "train", "good")}' does not exist: --images needs a folder in MVTec AD's layout", error.Trim());
        Assert.Equal("", output);
    }

    private (int Exit, string Output, string Error) Run(params string[] arguments) =>
        ExternalCommand.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "AnomalyDetection.dll"), .. arguments, "--quiet", "--pictures", _directory],
            TimeSpan.FromMinutes(3));
}
