using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>
/// The detector's <see cref="AnomalyScore.SmoothedReconstructionError"/> score and the
/// <see cref="SmoothedImageDifference"/> behind it: what they compute, what the smoothing ignores
/// and what it keeps, and the settings they refuse.
/// </summary>
public class SmoothedReconstructionErrorTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("smoothed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1, 6, 9, 1.0f)]
    [InlineData(3, 5, 4, 0.7f)]
    [InlineData(2, 4, 4, 3.0f)]
    public void TheDifferenceIsSmoothedByAGaussianCutAtThreeSigmaWithZerosBeyondTheEdges(int channels, int height, int width, float sigma)
    {
        var shape = new ImageShape(channels, height, width);
        var random = new Random(3);
        FeatureMatrix Random(int rows) => new(Enumerable.Range(0, rows * shape.Size).Select(_ => random.NextSingle()).ToArray(), shape.Size);
        var (images, reconstructions) = (Random(2), Random(2));

        var errors = new SmoothedImageDifference(shape, sigma).SquaredErrors(images, reconstructions);

        var radius = (int)Math.Ceiling(3 * sigma);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-k * k / (2.0 * sigma * sigma))).ToArray();
        var total = weights.Sum();
        for (var row = 0; row < 2; row++)
        for (var channel = 0; channel < channels; channel++)
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            double smoothed = 0;
            for (var dy = -radius; dy <= radius; dy++)
            for (var dx = -radius; dx <= radius; dx++)
            {
                var (sy, sx) = (y + dy, x + dx);
                if (sy >= 0 && sy < height && sx >= 0 && sx < width)
                {
                    var at = row * shape.Size + (channel * height + sy) * width + sx;
                    smoothed += weights[dy + radius] * weights[dx + radius] / (total * total) * (images.Values[at] - reconstructions.Values[at]);
                }
            }

            Assert.Equal(smoothed * smoothed, errors[row * shape.Size + (channel * height + y) * width + x], 1e-6);
        }
    }

    [Fact]
    public void PixelLevelNoiseSmoothsAwayWhileAMissingShapeOfTheSameSquaredErrorStays()
    {
        var shape = new ImageShape(1, 28, 28);
        var image = new float[shape.Size];
        var speckled = new float[shape.Size];
        var holed = new float[shape.Size];
        for (var y = 0; y < 28; y++)
        for (var x = 0; x < 28; x++)
        {
            var i = y * 28 + x;
            image[i] = 0.5f;
            speckled[i] = 0.5f + ((x + y) % 2 == 0 ? 0.2f : -0.2f);
            holed[i] = y is >= 10 and < 18 && x is >= 10 and < 18 ? 0.5f - 0.2f * 28 / 8 : 0.5f;
        }

        var plain = (FeatureMatrix reconstruction) => AnomalyPredictionTransformer.SquaredErrors(new FeatureMatrix(image, shape.Size), reconstruction).Average();
        var smoothed = (FeatureMatrix reconstruction) => new SmoothedImageDifference(shape, 1f).SquaredErrors(new FeatureMatrix(image, shape.Size), reconstruction).Average();
        var (speckle, hole) = (new FeatureMatrix(speckled, shape.Size), new FeatureMatrix(holed, shape.Size));

        Assert.Equal(plain(speckle), plain(hole), 1e-4);
        Assert.True(smoothed(speckle) < 0.02 * plain(speckle), $"a checkerboard of errors smooths to {smoothed(speckle)} of {plain(speckle)}");
        Assert.True(smoothed(hole) > 0.5 * plain(hole), $"an 8 x 8 hole keeps {smoothed(hole)} of {plain(hole)}");
    }

    [Fact]
    public void TheDetectorsScoreIsTheMeanSmoothedSquaredDifferenceAndSurvivesSaving()
    {
        var data = TestData.Images(_ml, 300);
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 8, HiddenWidths = [64], Epochs = 2, ImageShape = new ImageShape(1, 28, 28), ErrorSmoothingSigma = 1.5f,
            Score = AnomalyScore.SmoothedReconstructionError, FeatureContributionsColumnName = "Contributions", Contamination = 0.1f,
        }).Fit(data);

        var scored = detector.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var features = FeatureMatrix.FromRows(data.GetColumn<float[]>("Features").ToList());
        var expected = new SmoothedImageDifference(new ImageShape(1, 28, 28), 1.5f).SquaredErrors(features, detector.Model.Reconstruct(features));
        for (var row = 0; row < features.Rows; row++)
        {
            Assert.Equal(expected.AsSpan(row * 784, 784).ToArray().Average(), scores[row], 1e-6);
        }

        Assert.Equal(expected, scored.GetColumn<float[]>("Contributions").SelectMany(row => row).ToArray());
        Assert.InRange(scores.Count(score => score > detector.Threshold), 29, 30);

        var path = Path.Combine(_directory, "detector.zip");
        _ml.Model.Save(detector, data.Schema, path);
        using var loaded = (AnomalyPredictionTransformer)_ml.Model.Load(path, out _);
        Assert.Equal(AnomalyScore.SmoothedReconstructionError, loaded.ScoreKind);
        Assert.Equal((new ImageShape(1, 28, 28), 1.5f), (loaded.ErrorSmoothing!.Shape, loaded.ErrorSmoothing.Sigma));
        Assert.Equal(scores, loaded.Transform(data).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void TheScoreNeedsTheImageShapeAndASigmaInRange()
    {
        AutoencoderAnomalyDetectionOptions Options() => new() { Score = AnomalyScore.SmoothedReconstructionError, ImageShape = new ImageShape(1, 28, 28) };

        var withoutShape = Options();
        withoutShape.ImageShape = null;
        Assert.Contains("ImageShape", Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(withoutShape)).Message);
        foreach (var sigma in new[] { 0f, -1f, float.NaN, 1001f })
        {
            var options = Options();
            options.ErrorSmoothingSigma = sigma;
            Assert.Equal("ErrorSmoothingSigma", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(options)).ParamName);
        }

        var wrongShape = Options();
        wrongShape.ImageShape = new ImageShape(1, 20, 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(wrongShape).Fit(TestData.Images(_ml, 10)));
        Assert.Throws<ArgumentException>(() => new SmoothedImageDifference(new ImageShape(1, 2, 2), 1f)
            .SquaredErrors(new FeatureMatrix(new float[8], 4), new FeatureMatrix(new float[4], 4)));
    }
}
