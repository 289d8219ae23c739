using Autoencoders.Data;
using Autoencoders.Transforms.Image;
using static Autoencoders.Tests.TestImageFiles;
using static Autoencoders.Transforms.Image.ImagePixelExtractingEstimator;

namespace Autoencoders.Tests;

public class ImageTransformTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("images-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A 3 x 2 colour image: red, green, blue per pixel, rows top to bottom.
    private static readonly int[] Rgb3x2 = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180];

    [Fact]
    public void ColourPngGivesItsPlanesInArgbOrderOrInterleaved()
    {
        Write("colour.png", Png(3, 2, PngColor.Rgb, 8, Rgb3x2));
        Assert.Equal(
            [10, 40, 70, 100, 130, 160, 20, 50, 80, 110, 140, 170, 30, 60, 90, 120, 150, 180],
            Pixels("colour.png", 3, 2, extract => extract));
        Assert.Equal(Rgb3x2.Select(v => (float)v),
            Pixels("colour.png", 3, 2, extract => extract with { Interleave = true }));
        // Blue, green, red with alpha first: the PNG has no alpha, so it is opaque.
        Assert.Equal([255, 30, 20, 10, 255, 60, 50, 40],
            Pixels("colour.png", 3, 2, extract => extract with { Colors = ColorBits.All, Order = ColorsOrder.ABGR, Interleave = true })[..8]);
        // (sample - offset) * scale.
        Assert.Equal((10 - 5) * 0.5f, Pixels("colour.png", 3, 2, extract => extract with { Offset = 5, Scale = 0.5f })[0]);
    }

    [Fact]
    public void GreyPngGivesItsGreyForEachColourAndSixteenBitSamplesKeepTheirRange()
    {
        Write("grey.png", Png(2, 2, PngColor.Gray, 8, [0, 85, 170, 255]));
        Assert.Equal([0, 85, 170, 255], Pixels("grey.png", 2, 2, extract => extract with { Colors = ColorBits.Red }));
        Assert.Equal([0, 85, 170, 255, 0, 85, 170, 255, 0, 85, 170, 255], Pixels("grey.png", 2, 2, extract => extract));

        Write("deep.png", Png(2, 1, PngColor.Gray, 16, [1, 65535]));
        Assert.Equal([1, 65535], Pixels("deep.png", 2, 1, extract => extract with { Colors = ColorBits.Green }));
        Assert.Equal(MLPixelFormat.Gray16, MLImage.CreateFromFile(Path.Combine(_folder, "deep.png")).PixelFormat);
    }

    [Fact]
    public void AlphaSurvivesInColourAndGreyPngs()
    {
        Write("rgba.png", Png(1, 1, PngColor.Rgba, 8, [1, 2, 3, 4]));
        Assert.Equal([4, 1, 2, 3], Pixels("rgba.png", 1, 1, extract => extract with { Colors = ColorBits.All }));
        Write("grey-alpha.png", Png(1, 1, PngColor.GrayAlpha, 16, [1000, 2000]));
        Assert.Equal([2000, 1000, 1000, 1000], Pixels("grey-alpha.png", 1, 1, extract => extract with { Colors = ColorBits.All }));
    }

    [Fact]
    public void BmpDecodesExactlyAndJpegClosely()
    {
        Write("colour.bmp", Bmp(3, 2, Rgb3x2));
        Assert.Equal(Rgb3x2.Select(v => (float)v), Pixels("colour.bmp", 3, 2, extract => extract with { Interleave = true }));

        // A smooth 16 x 16 gradient survives JPEG's loss within a few levels.
        var gradient = Enumerable.Range(0, 256).SelectMany(i => new[] { i % 16 * 16, i / 16 * 16, 128 }).ToArray();
        MLImage.CreateFromStream(new MemoryStream(Png(16, 16, PngColor.Rgb, 8, gradient))).Save(Path.Combine(_folder, "gradient.jpg"));
        var decoded = Pixels("gradient.jpg", 16, 16, extract => extract with { Interleave = true });
        Assert.All(decoded.Zip(gradient), pair => Assert.InRange(pair.First, pair.Second - 12, pair.Second + 12));
    }

    [Fact]
    public void ResizingFillsAveragesAndPadsOrCropsWhereTheAnchorSays()
    {
        // 4 x 2 grey: columns 0..3 of each row.
        Write("wide.png", Png(4, 2, PngColor.Gray, 8, [0, 40, 80, 120, 200, 160, 120, 80]));
        var fill = Pixels("wide.png", 2, 1, extract => extract with { Colors = ColorBits.Red, Resizing = ImageResizingEstimator.ResizingKind.Fill });
        Assert.Equal([(0 + 40 + 200 + 160) / 4f, (80 + 120 + 120 + 80) / 4f], fill);

        var padded = Pixels("wide.png", 4, 4, extract => extract with { Colors = ColorBits.Red, Resizing = ImageResizingEstimator.ResizingKind.IsoPad });
        Assert.Equal([0, 0, 0, 0, 0, 40, 80, 120, 200, 160, 120, 80, 0, 0, 0, 0], padded);

        float[] Crop(ImageResizingEstimator.Anchor anchor) =>
            Pixels("wide.png", 2, 2, extract => extract with { Colors = ColorBits.Red, Resizing = ImageResizingEstimator.ResizingKind.IsoCrop, Anchor = anchor });
        Assert.Equal([40, 80, 160, 120], Crop(ImageResizingEstimator.Anchor.Center));
        Assert.Equal([0, 40, 200, 160], Crop(ImageResizingEstimator.Anchor.Left));
        Assert.Equal([80, 120, 120, 80], Crop(ImageResizingEstimator.Anchor.Right));
    }

    [Fact]
    public void GreyscaleWeighsRedGreenAndBlue()
    {
        Write("colour.png", Png(3, 2, PngColor.Rgb, 8, Rgb3x2));
        var data = _ml.Transforms.LoadImages("Image", _folder, "Path")
            .Append(_ml.Transforms.ConvertToGrayscale("Grey", "Image"))
            .Fit(Paths("colour.png")).Transform(Paths("colour.png"));
        var grey = Rows<ImageRow>(data).Single().Grey!;
        Assert.Equal(MLPixelFormat.Gray8, grey.PixelFormat);
        for (var pixel = 0; pixel < 6; pixel++)
        {
            var expected = 0.299 * Rgb3x2[pixel * 3] + 0.587 * Rgb3x2[pixel * 3 + 1] + 0.114 * Rgb3x2[pixel * 3 + 2];
            Assert.InRange(grey.Pixels[pixel], expected - 1, expected + 1);
        }
    }

    [Fact]
    public void PixelsConvertBackToTheImageTheyCameFrom()
    {
        Write("colour.png", Png(3, 2, PngColor.Rgb, 8, Rgb3x2));
        var pipeline = _ml.Transforms.LoadImages("Image", _folder, "Path")
            .Append(_ml.Transforms.ResizeImages("Image", 3, 2))
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image", scaleImage: 1 / 255f))
            .Append(_ml.Transforms.ConvertToImage(2, 3, "Restored", "Pixels", scaleImage: 255));
        var row = Rows<ImageRow>(pipeline.Fit(Paths("colour.png")).Transform(Paths("colour.png"))).Single();
        Assert.Equal(MLPixelFormat.Bgr24, row.Restored!.PixelFormat);
        Assert.Equal(row.Image!.Pixels.ToArray(), row.Restored.Pixels.ToArray());
    }

    [Fact]
    public void SavingDataLeavesImageColumnsOutAndSaysSo()
    {
        Write("colour.png", Png(3, 2, PngColor.Rgb, 8, Rgb3x2));
        var data = _ml.Transforms.LoadImages("Image", _folder, "Path")
            .Append(_ml.Transforms.ResizeImages("Image", 3, 2))
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Fit(Paths("colour.png")).Transform(Paths("colour.png"));
        var messages = new List<LoggingEventArgs>();
        _ml.Log += (_, message) => messages.Add(message);

        var binary = Path.Combine(_folder, "rows.bin");
        using (var stream = File.Create(binary)) _ml.Data.SaveAsBinary(data, stream);
        var loaded = _ml.Data.LoadFromBinary(binary);
        Assert.Equal(["Path", "Pixels"], loaded.Schema.Select(column => column.Name));
        Assert.Equal(data.GetColumn<float[]>("Pixels").Single(), loaded.GetColumn<float[]>("Pixels").Single());

        using var text = new MemoryStream();
        _ml.Data.SaveAsText(data, text);
        Assert.StartsWith("Path\tPixels.0\t", System.Text.Encoding.UTF8.GetString(text.ToArray()));

        Assert.Equal(2, messages.Count);
        Assert.All(messages, message =>
        {
            Assert.Equal(ChannelMessageKind.Info, message.Kind);
            Assert.StartsWith("The column 'Image' will not be written: it holds decoded images.", message.RawMessage);
        });
        Assert.Equal(["SaveAsBinary", "SaveAsText"], messages.Select(message => message.Source));
    }

    [Fact]
    public void ImageFolderListsImagesWithTheirFolderAsLabel()
    {
        Write("train/good/b.png", Png(1, 1, PngColor.Gray, 8, [1]));
        Write("train/good/a.png", Png(1, 1, PngColor.Gray, 8, [2]));
        Write("test/crack/c.bmp", Bmp(1, 1, [1, 2, 3]));
        Write("test/notes.txt", "not an image"u8.ToArray());
        var view = _ml.Data.LoadFromImageFolder(_folder);
        var rows = Rows<FolderRow>(view).Select(row => (row.ImagePath, row.Label)).ToArray();
        Assert.Equal(
            [(Path.Combine("test", "crack", "c.bmp"), "crack"), (Path.Combine("train", "good", "a.png"), "good"), (Path.Combine("train", "good", "b.png"), "good")],
            rows);

        var missing = Path.Combine(_folder, "nowhere");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => _ml.Data.LoadFromImageFolder(missing)).Message);
        Assert.Throws<ArgumentException>(() => _ml.Data.LoadFromImageFolder(Path.Combine(_folder, "test", "crack", "..", "..", "train", "..", "test", "crack", "..", "..", "empty-" + Directory.CreateDirectory(Path.Combine(_folder, "empty-x")).Name[6..])));
    }

    [Fact]
    public void UnreadableImagesFailNamingFileAndRowOrAreSkippedWithAWarning()
    {
        Write("good.png", Png(1, 1, PngColor.Gray, 8, [7]));
        Write("text.png", "this is not a picture"u8.ToArray());
        var png = Png(8, 8, PngColor.Rgb, 8, Enumerable.Range(0, 192).ToArray());
        Write("truncated.png", png[..(png.Length - 30)]);
        // The JPEG decoder fills a cut-off scan with grey and only warns: the library must refuse it.
        var jpeg = Path.Combine(_folder, "whole.jpg");
        MLImage.CreateFromStream(new MemoryStream(Png(64, 64, PngColor.Rgb, 8, Enumerable.Range(0, 64 * 64 * 3).Select(i => i * 7919 % 251).ToArray()))).Save(jpeg);
        var whole = File.ReadAllBytes(jpeg);
        Write("truncated.jpg", whole[..(whole.Length / 2)]);
        Write("empty.png", []);
        var bmp = Bmp(32, 32, Enumerable.Range(0, 32 * 32 * 3).ToArray());
        Write("truncated.bmp", bmp[..(bmp.Length / 2)]);

        foreach (var bad in new[] { "text.png", "truncated.png", "truncated.jpg", "truncated.bmp", "empty.png", "missing.png" })
        {
            var paths = Paths("good.png", bad);
            var loaded = _ml.Transforms.LoadImages("Image", _folder, "Path").Fit(paths).Transform(paths);
            var error = Assert.Throws<InvalidDataException>(() => Rows<ImageRow>(loaded));
            Assert.Contains(Path.Combine(_folder, bad), error.Message);
            Assert.Contains("Row 1 of column 'Path'", error.Message);
        }

        var warnings = new List<string>();
        _ml.Log += (_, message) => warnings.Add(message.Message);
        var all = Paths("text.png", "good.png", "truncated.png", "truncated.jpg", "truncated.bmp", "empty.png", "missing.png", "good.png");
        var skipping = _ml.Transforms.LoadImages("Image", _folder, "Path", skipUnreadableImages: true).Fit(all).Transform(all);
        var kept = Rows<ImageRow>(skipping);
        Assert.Equal(2, kept.Length);
        Assert.All(kept, row => Assert.Equal(7, row.Image!.Pixels[0]));
        Assert.Equal(6, warnings.Count);
        Assert.All(warnings, warning => Assert.Contains("[LoadImages] Warning:", warning));
    }

    [Fact]
    public void SchemaErrorsNameTheColumnAndTheMissingFolder()
    {
        Write("small.png", Png(1, 1, PngColor.Gray, 8, [1]));
        Write("large.png", Png(2, 2, PngColor.Gray, 8, [1, 2, 3, 4]));
        var paths = Paths("small.png", "large.png");
        var unsized = _ml.Transforms.LoadImages("Image", _folder, "Path").Append(_ml.Transforms.ExtractPixels("Pixels", "Image"));
        var error = Assert.Throws<ArgumentException>(() => unsized.Fit(paths));
        Assert.Contains("Column 'Image' holds images of no fixed size", error.Message);

        Assert.Contains("Column 'Path' is Single",
            Assert.Throws<ArgumentException>(() => _ml.Transforms.LoadImages("Image", _folder, "Path").Fit(_ml.Data.LoadFromEnumerable(new[] { new NumberRow() }))).Message);
        Assert.Contains("Column 'Path' is Text but must hold images",
            Assert.Throws<ArgumentException>(() => _ml.Transforms.ResizeImages("Image", 2, 2, "Path").Fit(paths)).Message);

        var missing = Path.Combine(_folder, "no-such-folder");
        var loader = _ml.Transforms.LoadImages("Image", missing, "Path").Fit(paths);
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => loader.Transform(paths)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ResizeImages("Image", 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ExtractPixels("Pixels", "Image", colorsToExtract: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ExtractPixels("Pixels", "Image", scaleImage: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ConvertToImage(2, 2, "Image", "Pixels", offsetImage: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ConvertToImage(2, 2, "Image", "Pixels", defaultRed: 256));
    }

    [Fact]
    public void SavedImagePipelineLoadsAndGivesTheSamePixels()
    {
        Write("colour.png", Png(3, 2, PngColor.Rgb, 8, Rgb3x2));
        var paths = Paths("colour.png");
        var model = _ml.Transforms.LoadImages("Image", _folder, "Path", skipUnreadableImages: true)
            .Append(_ml.Transforms.ResizeImages("Small", 2, 2, "Image", ImageResizingEstimator.ResizingKind.IsoPad))
            .Append(_ml.Transforms.ConvertToGrayscale("Grey", "Small"))
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Grey", ColorBits.Red | ColorBits.Alpha, ColorsOrder.ABGR, true, 1, 0.5f))
            .Append(_ml.Transforms.ConvertToImage(2, 2, "Restored", "Pixels", ColorBits.Red | ColorBits.Alpha, ColorsOrder.ABGR, true, 2, -1, defaultGreen: 9))
            .Fit(paths);
        var file = Path.Combine(_folder, "model.zip");
        _ml.Model.Save(model, paths.Schema, file);
        var loaded = _ml.Model.Load(file, out var schema);
        Assert.Equal(paths.Schema.Select(c => c.Type), schema.Select(c => c.Type));

        PixelRow Read(ITransformer transformer) => Rows<PixelRow>(transformer.Transform(paths)).Single();
        var (before, after) = (Read(model), Read(loaded));
        Assert.Equal(8, before.Pixels!.Length);
        Assert.Equal(before.Pixels, after.Pixels);
        Assert.Equal(before.Restored!.Pixels.ToArray(), after.Restored!.Pixels.ToArray());
        Assert.Equal(9, after.Restored.Pixels[1]);
    }

    private float[] Pixels(string file, int width, int height, Func<Extraction, Extraction> configure)
    {
        var settings = configure(new Extraction());
        var paths = Paths(file);
        var pipeline = _ml.Transforms.LoadImages("Image", _folder, "Path")
            .Append(_ml.Transforms.ResizeImages("Image", width, height, resizing: settings.Resizing, cropAnchor: settings.Anchor))
            .Append(_ml.Transforms.ExtractPixels("Pixels", "Image", settings.Colors, settings.Order, settings.Interleave, settings.Offset, settings.Scale));
        return Rows<PixelRow>(pipeline.Fit(paths).Transform(paths)).Single().Pixels!;
    }

    private T[] Rows<T>(IDataView data) where T : class, new() => _ml.Data.CreateEnumerable<T>(data, reuseRowObject: false, ignoreMissingColumns: true).ToArray();

    private IDataView Paths(params string[] files) => _ml.Data.LoadFromEnumerable(files.Select(file => new PathRow { Path = file }));

    private void Write(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private sealed record Extraction(
        ColorBits Colors = ColorBits.Rgb, ColorsOrder Order = ColorsOrder.ARGB, bool Interleave = false, float Offset = 0, float Scale = 1,
        ImageResizingEstimator.ResizingKind Resizing = ImageResizingEstimator.ResizingKind.Fill,
        ImageResizingEstimator.Anchor Anchor = ImageResizingEstimator.Anchor.Center);

    private sealed class PathRow
    {
        public string Path { get; set; } = "";
    }

    private sealed class NumberRow
    {
        public float Path { get; set; }
    }

    private sealed class ImageRow
    {
        public MLImage? Image { get; set; }

        public MLImage? Grey { get; set; }

        public MLImage? Restored { get; set; }
    }

    private sealed class PixelRow
    {
        public float[]? Pixels { get; set; }

        public MLImage? Restored { get; set; }
    }

    private sealed class FolderRow
    {
        public string ImagePath { get; set; } = "";

        public string Label { get; set; } = "";
    }
}
