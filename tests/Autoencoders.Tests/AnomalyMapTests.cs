using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms.Image;
using static Autoencoders.Transforms.Image.ImagePixelExtractingEstimator;

namespace Autoencoders.Tests;

public class AnomalyMapTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("anomaly-maps-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void MapAveragesTheChannelsAndSmoothingKeepsTheSpikeWhereItWas()
    {
        // Two channels of 5 x 5 errors: one spike at row 2, column 3 of the second channel.
        var errors = new float[50];
        errors[25 + 2 * 5 + 3] = 8f;
        var data = _ml.Data.LoadFromEnumerable(new[] { new ErrorRow { Errors = errors } });

        float[] Map(float sigma)
        {
            var map = _ml.Transforms.AnomalyMap("Map", "Errors", new ImageShape(2, 5, 5), sigma);
            return _ml.Data.CreateEnumerable<MapRow>(map.Fit(data).Transform(data), reuseRowObject: false).Single().Map!;
        }

        var sharp = Map(0);
        Assert.Equal(25, sharp.Length);
        Assert.Equal(4f, sharp[13]);
        Assert.Equal(4f, sharp.Sum());
        var smooth = Map(1);
        Assert.Equal(13, Array.IndexOf(smooth, smooth.Max()));
        Assert.InRange(smooth[13], 0.5f, 3.9f);
        Assert.InRange(smooth.Sum(), 3.99f, 4.01f);

        var file = Path.Combine(_folder, "map.zip");
        _ml.Model.Save(_ml.Transforms.AnomalyMap("Map", "Errors", new ImageShape(2, 5, 5), 1), data.Schema, file);
        var loaded = _ml.Model.Load(file, out _);
        Assert.Equal(smooth, _ml.Data.CreateEnumerable<MapRow>(loaded.Transform(data), reuseRowObject: false).Single().Map);

        Assert.Contains("Column 'Errors' has 50 values per row but the transform was fitted on 75",
            Assert.Throws<ArgumentException>(() => _ml.Transforms.AnomalyMap("Map", "Errors", new ImageShape(3, 5, 5)).Fit(data)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.AnomalyMap("Map", "Errors", new ImageShape(2, 5, 5), -1));
    }

    [Fact]
    public void MapOfADetectorTrainedOnImageFilesPointsAtAPaintedDefect()
    {
        // Sneakers from Fashion-MNIST, written as PNG files: the pipeline streams them from disk.
        var sneakers = Enumerable.Range(0, FashionMnistSlice.TrainingLabels.Length).Where(i => FashionMnistSlice.TrainingLabels[i] == 7).Take(150).ToArray();
        var training = sneakers.Select(i => WritePng($"train/good/{i}.png", FashionMnistSlice.Training.Row(i).ToArray())).ToArray();
        var defective = FashionMnistSlice.Training.Row(sneakers[^1]).ToArray();
        for (var y = 3; y < 9; y++)
        for (var x = 3; x < 9; x++)
        {
            defective[y * 28 + x] = 1f;
        }

        var test = WritePng("test/square/0.png", defective);
        var pipeline = _ml.Transforms.LoadImages("Image", _folder, "ImagePath")
            .Append(_ml.Transforms.ResizeImages("Image", 28, 28))
            .Append(_ml.Transforms.ConvertToGrayscale("Image"))
            .Append(_ml.Transforms.ExtractPixels("Features", "Image", ColorBits.Red, scaleImage: 1 / 255f))
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 8, Epochs = 30, Score = AnomalyScore.ReconstructionError, FeatureContributionsColumnName = "Errors",
            }))
            .Append(_ml.Transforms.AnomalyMap("Map", "Errors", new ImageShape(1, 28, 28)));
        using var model = (IDisposable)pipeline.Fit(Paths(training));
        var map = _ml.Data.CreateEnumerable<MapRow>(((ITransformer)model).Transform(Paths([test])), reuseRowObject: false).Single().Map!;
        var peak = Array.IndexOf(map, map.Max());
        Assert.InRange(peak / 28, 3, 8);
        Assert.InRange(peak % 28, 3, 8);
    }

    private string WritePng(string relativePath, float[] pixels)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        MLImage.CreateFromPixels(28, 28, MLPixelFormat.Gray8, pixels.Select(value => (byte)Math.Round(value * 255)).ToArray()).Save(path);
        return relativePath;
    }

    private IDataView Paths(string[] paths) => _ml.Data.LoadFromEnumerable(paths.Select(path => new PathRow { ImagePath = path }));

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class ErrorRow
    {
        [VectorType(50)]
        public float[] Errors { get; set; } = [];
    }

    private sealed class MapRow
    {
        public float[]? Map { get; set; }
    }
}
