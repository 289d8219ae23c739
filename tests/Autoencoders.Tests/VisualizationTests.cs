using System.Buffers.Binary;
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

    private static XElement Svg(string path) => XElement.Load(path);
}
