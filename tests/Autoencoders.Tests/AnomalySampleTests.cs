using System.Buffers.Binary;
using System.Globalization;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>samples/AnomalyDetection runs its modes and finds the anomalies.</summary>
public sealed class AnomalySampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("anomaly-sample-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string ShippedData(string name) => Path.Combine(Path.GetDirectoryName(SamplePrograms.Path("AnomalyDetection"))!, "..", "..", "..", "data", name);

    private static (int Exit, string Output, string Error) Run(params string[] arguments) =>
        ExternalCommand.Run("dotnet", [SamplePrograms.Path("AnomalyDetection"), .. arguments], TimeSpan.FromMinutes(5));

    [Fact]
    public void TheShippedInspectionFolderGetsImageAndPixelAurocsBesideTheBaselineAndHeatMaps()
    {
        var (exit, output, error) = Run("--images", ShippedData("ankle-boot"), "--quick", "--quiet", "--pictures", _directory);

        Assert.True(exit == 0, output + error);
        Assert.Contains("training images 300\n", output);
        Assert.Contains("test images 100 (good 40, hole 20, scratch 20, stain 20)\n", output);
        Assert.Contains("working size 28 x 28 (grey)", output);
        Assert.InRange(SamplePrograms.Metric(output, "image AUROC"), 0.5, 1);
        Assert.InRange(SamplePrograms.Metric(output, "pixel AUROC"), 0.7, 1);
        Assert.InRange(SamplePrograms.Metric(output, "image AUROC by the worst region"), 0.5, 1);
        // The baseline needs no training: its image AUROC on the shipped folder is a fixed number.
        Assert.Equal(0.6388, SamplePrograms.Metric(output, "baseline (nearest training image) image AUROC"));
        Assert.InRange(SamplePrograms.Metric(output, "baseline (nearest training image) pixel AUROC"), 0.8, 1);
        Assert.Equal(8, output.Split('\n').Count(line => line.StartsWith("  test/")));

        // Eight images of 28 pixels side by side, two pixels apart; image, map and mask above each other; 4 screen pixels a value.
        var png = File.ReadAllBytes(Path.Combine(_directory, "images-heat-maps.png"));
        Assert.Equal(((8 * 28 + 7 * 2) * 4, (3 * 28 + 2 * 2) * 4), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public void PatchesAreAnOptionOfTheImagesMode()
    {
        var (exit, output, error) = Run("--images", ShippedData("ankle-boot"), "--quick", "--quiet", "--patch", "14", "--pictures", _directory);

        Assert.True(exit == 0, output + error);
        Assert.Contains("patches of 14 x 14 every 7 pixels", output);
        Assert.InRange(SamplePrograms.Metric(output, "image AUROC"), 0.6, 1);
        Assert.InRange(SamplePrograms.Metric(output, "pixel AUROC"), 0.8, 1);

        (exit, output, error) = Run("--images", ShippedData("ankle-boot"), "--quick", "--quiet", "--patch", "40", "--pictures", _directory);
        Assert.Equal(1, exit);
        Assert.Equal("error: Patches of 40 x 40 do not fit images of 28 x 28.", error.Trim());
        Assert.Equal("", output);
    }

    [Fact]
    public void AnyFolderOfTheLayoutWorksInColourAndWithoutMasks()
    {
        // Colour images of 12 x 16: good ones are a smooth gradient, defective ones carry a bright blue square.
        var random = new Random(3);
        void Write(string relativePath, bool defect)
        {
            var pixels = new byte[12 * 16 * 3];
            for (var y = 0; y < 12; y++)
            {
                for (var x = 0; x < 16; x++)
                {
                    var level = (byte)(60 + 8 * x + random.Next(10));
                    (pixels[(y * 16 + x) * 3], pixels[(y * 16 + x) * 3 + 1], pixels[(y * 16 + x) * 3 + 2]) = defect && y is >= 4 and < 8 && x is >= 5 and < 9
                        ? ((byte)255, (byte)0, (byte)0)
                        : (level, (byte)(level / 2), (byte)40);
                }
            }

            var path = Path.Combine(_directory, "parts", relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            MLImage.CreateFromPixels(16, 12, MLPixelFormat.Bgra32, ToBgra(pixels)).Save(path);
        }

        for (var i = 0; i < 40; i++) Write($"train/good/{i}.png", false);
        for (var i = 0; i < 6; i++) Write($"test/good/{i}.png", false);
        for (var i = 0; i < 6; i++) Write($"test/blue/{i}.png", true);

        var (exit, output, error) = Run("--images", Path.Combine(_directory, "parts"), "--quick", "--quiet", "--pictures", _directory);

        Assert.True(exit == 0, output + error);
        Assert.Contains("working size 16 x 12 (colour)", output);
        Assert.Contains("image AUROC 1.0000\n", output);
        Assert.DoesNotContain("pixel AUROC", output);
    }

    [Fact]
    public void AFolderNotInTheLayoutIsAnErrorNamingWhatIsMissing()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "flat"));
        var (exit, output, error) = Run("--images", Path.Combine(_directory, "flat"), "--quiet");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: '{Path.Combine(_directory, "flat", "train", "good")}' does not exist: --images needs a folder in MVTec AD's layout", error.Trim());
        Assert.Equal("", output);
    }

    private static byte[] ToBgra(byte[] bgr)
    {
        var bgra = new byte[bgr.Length / 3 * 4];
        for (var i = 0; i < bgr.Length / 3; i++)
        {
            (bgra[4 * i], bgra[4 * i + 1], bgra[4 * i + 2], bgra[4 * i + 3]) = (bgr[3 * i], bgr[3 * i + 1], bgr[3 * i + 2], 255);
        }

        return bgra;
    }

    [Fact]
    public void TheOneClassProtocolFindsTheOtherClassesInQuickMode()
    {
        var (exit, output, error) = Run("--quick", "--class", "1", "--quiet");
        Assert.True(exit == 0, output + error);
        Assert.True(SamplePrograms.Metric(output, "class 1 AUROC") > 0.95, output);
        Assert.Contains("mean AUROC", output);
    }

    [Fact]
    public void TheCsvModeFindsTheShippedTablesFaultsAndNamesTheirSensors()
    {
        var (exit, output, error) = Run("--csv", ShippedData("machine-sensors.csv"),
            "--label-column", "faulty");
        Assert.True(exit == 0, output + error);
        Assert.Contains("features (5): temperature_c, vibration_mm_s, pressure_bar, rpm, power_kw", output);
        Assert.Contains("row names: machine", output);
        Assert.True(SamplePrograms.Metric(output, "AUROC") > 0.9, output);
        Assert.Equal(10, output.Split('\n').Count(line => line.StartsWith("  row ", StringComparison.Ordinal) && line.Contains("anomaly:", StringComparison.Ordinal)));
    }

    [Fact]
    public void BadUsageExitsWith2AndAMissingLabelColumnWith1()
    {
        Assert.Equal(2, Run("--class", "12").Exit);
        Assert.Equal(2, Run("--csv", "table.csv").Exit);
        var csv = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(csv, ["a,b", "1,2"]);
            var (exit, _, error) = Run("--csv", csv, "--label-column", "faulty");
            Assert.Equal(1, exit);
            Assert.Contains("has no column 'faulty'", error);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
