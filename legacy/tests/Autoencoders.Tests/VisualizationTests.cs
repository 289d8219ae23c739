using System.Buffers.Binary;
using System.Globalization;
using System.Xml.Linq;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Visualization;

namespace Autoencoders.Tests;

public class VisualizationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pictures-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ImageGridIsAPngOfTheExpectedSize()
    {
        var path = Path.Combine(_directory, "grid.png");
        var originals = FashionMnistSlice.Test.SelectRows([0, 1, 2, 3, 4]);
        Pictures.SaveImageGrid(path, [originals, originals], new ImageShape(1, 28, 28), scale: 2);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // IHDR: width and height, big-endian, at bytes 16 and 20. Cells are 28 x 2 + a 2-pixel gap.
        Assert.Equal(5 * 58 + 2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(2 * 58 + 2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Throws<ArgumentException>(() => Pictures.SaveImageGrid(path, [originals], new ImageShape(1, 27, 28)));
        Assert.Throws<AutoencoderNativeException>(() => Pictures.SaveImageGrid(Path.Combine(_directory, "grid.unknown-format"), [originals], new ImageShape(1, 28, 28)));
    }

    [Fact]
    public void HeatMapsShowTheImageThenItsMapInColourThenTheMask()
    {
        // One 2 x 3 grey image at level 0.5; its map is 0 except 4 at (row 1, column 2); the mask marks that pixel.
        var image = FeatureMatrix.FromRows([Enumerable.Repeat(0.5f, 6).ToArray()]);
        var map = FeatureMatrix.FromRows([[0, 0, 0, 0, 0, 4]]);
        var mask = FeatureMatrix.FromRows([[0, 0, 0, 0, 0, 1]]);
        var path = Path.Combine(_directory, "heat.png");
        Pictures.SaveHeatMaps(path, image, map, new ImageShape(1, 2, 3), mapMax: 2, masks: mask, scale: 1);

        using var picture = MLImage.CreateFromFile(path);
        Assert.Equal((1 * 5 + 2, 3 * 4 + 2, MLPixelFormat.Bgr24), (picture.Width, picture.Height, picture.PixelFormat));
        byte[] At(int row, int column) => picture.Pixels.Slice(((2 + row) * picture.Width + 2 + column) * 3, 3).ToArray();
        Assert.Equal([127, 127, 127], At(0, 0));
        // The second line (from row 4): half grey, half the colour scale: dark blue (0, 0, 127) at 0, dark red (127, 0, 0) at 2 and above.
        Assert.Equal([(127 + 127) / 2, 127 / 2, 127 / 2], At(4, 0));
        Assert.Equal([127 / 2, 127 / 2, (127 + 127) / 2], At(5, 2));
        Assert.Equal([0, 0, 0], At(8, 0));
        Assert.Equal([255, 255, 255], At(9, 2));

        Assert.Throws<ArgumentException>(() => Pictures.SaveHeatMaps(path, image, FeatureMatrix.FromRows([[0f, 0, 0]]), new ImageShape(1, 2, 3), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pictures.SaveHeatMaps(path, image, map, new ImageShape(1, 2, 3), 0));
    }

    [Fact]
    public void ChartsAreSvgWithOneMarkPerPointOrSeries()
    {
        var history = new[] { new EpochProgress(1, 3, 0.5f, 0.6f, TimeSpan.FromSeconds(1), true), new EpochProgress(2, 3, 0.3f, 0.4f, TimeSpan.FromSeconds(2), true), new EpochProgress(3, 3, 0.2f, 0.35f, TimeSpan.FromSeconds(3), true) };
        var loss = Path.Combine(_directory, "loss.svg");
        Charts.SaveLossCurve(loss, history);
        Assert.Equal(2, Svg(loss).Descendants(Svg(loss).Name.Namespace + "polyline").Count());

        var scatter = Path.Combine(_directory, "codes.svg");
        var codes = FashionMnistSlice.Test.SelectRows(Enumerable.Range(0, 50).ToArray());
        Charts.SaveScatter(scatter, codes, FashionMnistSlice.TestLabels[..50]);
        var svg = Svg(scatter);
        Assert.Equal(50, svg.Descendants(svg.Name.Namespace + "circle").Count());
        Assert.Contains("principal component 1", svg.ToString());

        var roc = Path.Combine(_directory, "roc.svg");
        Charts.SaveRocCurve(roc, [true, false, true, false], [0.9f, 0.1f, 0.8f, 0.2f]);
        Assert.Contains("AUROC 1.0000", Svg(roc).ToString());
        Assert.Throws<ArgumentException>(() => Charts.SaveRocCurve(roc, [true, true], [0.1f, 0.2f]));
    }

    [Fact]
    public void LearningCurveHasALinePerMethodAtLogSpacedCountsAndARangeWhereACountRanSeveralTimes()
    {
        var path = Path.Combine(_directory, "learning.svg");
        Charts.SaveLearningCurve(path,
        [
            ("pixels", 10, 0.60), ("pixels", 10, 0.70), ("pixels", 100, 0.80), ("pixels", 1000, 0.85),
            ("code", 10, 0.65), ("code", 100, 0.82), ("code", 1000, 0.86),
        ]);

        var svg = Svg(path);
        var lines = svg.Descendants(svg.Name.Namespace + "polyline").Select(line => line.Attribute("points")!.Value.Split(' ')
            .Select(point => point.Split(',').Select(Number).ToArray()).ToArray()).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Equal(3, line.Length));
        // 10, 100 and 1000 labels are equally far apart on a logarithmic axis.
        Assert.Equal(lines[0][1][0] - lines[0][0][0], lines[0][2][0] - lines[0][1][0], 0.2);
        // The pixels' point at 10 labels is the mean of its two runs, half-way between their heights.
        var range = Assert.Single(svg.Descendants(svg.Name.Namespace + "line"), line => (string?)line.Attribute("class") == "range");
        Assert.Equal((Number(range.Attribute("y1")!.Value) + Number(range.Attribute("y2")!.Value)) / 2, lines[0][0][1], 0.2);
        Assert.Contains(svg.Descendants(svg.Name.Namespace + "text"), text => text.Value == "1000");
        Assert.Throws<ArgumentException>(() => Charts.SaveLearningCurve(path, [("pixels", 0, 0.5)]));
        Assert.Throws<ArgumentException>(() => Charts.SaveLearningCurve(path, []));
    }

    [Fact]
    public void AScoreHistogramStacksAnomaliesOnNormalRowsClipsExtremesAndMarksTheThreshold()
    {
        // 100 normal rows from 0 to 9.9, 10 anomalies from 20 to 29, and one extreme anomaly far beyond them.
        var scores = Enumerable.Range(0, 100).Select(i => i / 10f).Concat(Enumerable.Range(0, 10).Select(i => 20f + i)).Append(1e6f).ToArray();
        var labels = scores.Select((_, i) => i >= 100).ToArray();
        var svg = XElement.Parse(Charts.ScoreHistogram(scores, threshold: 15f, labels, bins: 10));
        var rects = svg.Descendants(svg.Name.Namespace + "rect").ToArray();

        var normal = rects.Where(rect => (string?)rect.Attribute("class") == "bar").ToArray();
        var anomalous = rects.Where(rect => (string?)rect.Attribute("class") == "bar anomalous").ToArray();
        Assert.Equal(10, normal.Length);
        // The extreme score shares the last bar instead of stretching the axis to a million.
        Assert.Equal(normal[^1].Attribute("x")!.Value, Assert.Single(anomalous, rect => rect.Attribute("x")!.Value == normal[^1].Attribute("x")!.Value).Attribute("x")!.Value);
        Assert.DoesNotContain(svg.Descendants(svg.Name.Namespace + "text"), text => text.Value.Contains("e+06", StringComparison.Ordinal));
        var threshold = Assert.Single(svg.Descendants(svg.Name.Namespace + "line"), line => (string?)line.Attribute("class") == "threshold");
        var (thresholdX, lastBarX) = (Number(threshold.Attribute("x1")!.Value), Number(normal[^1].Attribute("x")!.Value));
        Assert.True(thresholdX > Number(normal[0].Attribute("x")!.Value) && thresholdX < lastBarX, $"threshold at x {thresholdX}");
        Assert.Contains(svg.Descendants(svg.Name.Namespace + "text"), text => text.Value == "threshold 15");
        Assert.Throws<ArgumentException>(() => Charts.ScoreHistogram(scores, 15f, labels[..5]));
        Assert.Throws<ArgumentException>(() => Charts.ScoreHistogram([1f, float.NaN], 15f));
    }

    private static XElement Svg(string path) => XElement.Load(path);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
