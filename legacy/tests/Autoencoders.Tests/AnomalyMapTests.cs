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
    public void StructuralDissimilarityIsZeroForIdenticalImagesAndFollowsSsimsFormula()
    {
        // Two channels of 3 x 4: the first identical in both images, the second constant at 0.2 against 0.6.
        var shape = new ImageShape(2, 3, 4);
        var image = Enumerable.Range(0, 12).Select(i => i / 12f).Concat(Enumerable.Repeat(0.2f, 12)).ToArray();
        var reconstruction = image[..12].Concat(Enumerable.Repeat(0.6f, 12)).ToArray();
        var map = new float[12];

        ImageProcessing.StructuralDissimilarity(image, image, shape, map);
        Assert.All(map, value => Assert.InRange(value, -1e-5f, 1e-5f));

        // Flat windows have no variance, so SSIM is its luminance term (2 x y + c1) / (x^2 + y^2 + c1), c1 = 0.01^2;
        // the identical channel adds 0, and the two channels are averaged.
        ImageProcessing.StructuralDissimilarity(image, reconstruction, shape, map);
        var expected = (1 - (2 * 0.2 * 0.6 + 1e-4) / (0.2 * 0.2 + 0.6 * 0.6 + 1e-4)) / 2;
        Assert.All(map, value => Assert.Equal(expected, value, 1e-6));

        Assert.Throws<ArgumentException>(() => ImageProcessing.StructuralDissimilarity(image, reconstruction[1..], shape, map));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageProcessing.StructuralDissimilarity(image, reconstruction, shape, map, sigma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.StructuralDissimilarityMap("Map", "Image", "Reconstruction", new ImageShape(0, 3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.StructuralDissimilarityMap("Map", "Image", "Reconstruction", new ImageShape(5, 3, 4)));
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
                ReconstructionColumnName = "Reconstruction",
            }))
            .Append(_ml.Transforms.AnomalyMap("Map", "Errors", new ImageShape(1, 28, 28)))
            .Append(_ml.Transforms.StructuralDissimilarityMap("SsimMap", "Features", "Reconstruction", new ImageShape(1, 28, 28)));
        using var model = (IDisposable)pipeline.Fit(Paths(training));
        var row = _ml.Data.CreateEnumerable<PipelineRow>(((ITransformer)model).Transform(Paths([test])), reuseRowObject: false).Single();
        // The square covers rows and columns 3 to 8. SSIM compares 1.5-pixel windows, so its peak may sit on the square's edge.
        foreach (var (map, margin) in new[] { (row.Map!, 0), (row.SsimMap!, 1) })
        {
            var peak = Array.IndexOf(map, map.Max());
            Assert.InRange(peak / 28, 3 - margin, 8 + margin);
            Assert.InRange(peak % 28, 3 - margin, 8 + margin);
        }

        // The reconstruction column is the detector's model's reconstruction of the row.
        var detector = ((IEnumerable<ITransformer>)model).OfType<AnomalyPredictionTransformer>().Single();
        var expected = detector.Model.Reconstruct(FeatureMatrix.FromRows([row.Features!])).Row(0).ToArray();
        Assert.Equal(expected, row.Reconstruction!, (a, b) => Math.Abs(a - b) < 1e-6f);

        var file = Path.Combine(_folder, "pipeline.zip");
        _ml.Model.Save((ITransformer)model, Paths([test]).Schema, file);
        using var loaded = (IDisposable)_ml.Model.Load(file, out _);
        var again = _ml.Data.CreateEnumerable<PipelineRow>(((ITransformer)loaded).Transform(Paths([test])), reuseRowObject: false).Single();
        Assert.Equal(row.SsimMap, again.SsimMap);
        Assert.Equal(row.Reconstruction, again.Reconstruction);
    }

    [Fact]
    public void TheReconstructionAndTheContributionsCannotShareAColumn()
    {
        var error = Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            FeatureContributionsColumnName = "Out", ReconstructionColumnName = "Out",
        }));
        Assert.Contains("cannot both be column 'Out'", error.Message);
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

    private sealed class PipelineRow
    {
        public float[]? Map { get; set; }

        public float[]? SsimMap { get; set; }

        public float[]? Features { get; set; }

        public float[]? Reconstruction { get; set; }
    }
}
