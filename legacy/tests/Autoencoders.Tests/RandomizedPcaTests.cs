using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class RandomizedPcaTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static readonly float[] Center = [5f, -3f, 2f];

    /// <summary>Rows on the plane through <see cref="Center"/> spanned by the first two axes, spread 3 along the first and 1 along the second.</summary>
    internal static IDataView Plane(MLContext ml, int rows = 200)
    {
        var random = new Random(2);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ => new Row
        {
            Features = [Center[0] + 3 * Gaussian(random), Center[1] + Gaussian(random), Center[2]],
        }).ToList());
    }

    private static float Gaussian(Random random) => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    internal static IDataView Rows(MLContext ml, params float[][] rows) => ml.Data.LoadFromEnumerable(rows.Select(values => new Row { Features = values }).ToList());

    internal static float[] At(params float[] offset) => Center.Select((c, i) => c + offset[i]).ToArray();

    [Fact]
    public void TheScoreIsTheShareOfTheDistanceFromTheMeanOutsideTheComponentsAndHalfDecides()
    {
        var detector = _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 2).Fit(Plane(_ml));
        Assert.Equal(RandomizedPcaTrainer.DefaultThreshold, detector.Threshold);
        Assert.Equal("Score", detector.ThresholdColumn);

        // In the plane, straight off it, at 45 degrees to it, and at the mean itself.
        var mean = default(VBuffer<float>);
        detector.Model.GetMean(ref mean);
        Assert.Equal(Center, mean.GetValues().ToArray(), (a, b) => Math.Abs(a - b) < 0.5f);
        Assert.Equal(Center[2], mean.GetValues()[2]);
        var probe = Rows(_ml, [.. new[] { (2f, -1f, 0f), (0f, 0f, 3f), (1f, 0f, 1f), (0f, 0f, 0f) }
            .Select(offset => new[] { mean.GetValues()[0] + offset.Item1, mean.GetValues()[1] + offset.Item2, mean.GetValues()[2] + offset.Item3 })]);
        var scored = detector.Transform(probe);
        var scores = scored.GetColumn<float>("Score").ToArray();
        Assert.Equal(0, scores[0], 3);
        Assert.Equal(1, scores[1], 3);
        Assert.Equal(Math.Sqrt(0.5), scores[2], 3);
        Assert.Equal(0, scores[3]);
        Assert.Equal([false, true, true, false], scored.GetColumn<bool>("PredictedLabel"));

        var stricter = _ml.AnomalyDetection.ChangeModelThreshold(detector, 0.8f);
        Assert.Equal([false, true, false, false], stricter.Transform(probe).GetColumn<bool>("PredictedLabel"));
        Assert.Equal(0.5f, detector.Threshold);

        var eigenvectors = Array.Empty<VBuffer<float>>();
        detector.Model.GetEigenVectors(ref eigenvectors, out var rank);
        Assert.Equal(2, rank);
        Assert.Equal(1, Math.Abs(eigenvectors[0].GetValues()[0]), 2);
        Assert.Equal(1, Math.Abs(eigenvectors[1].GetValues()[1]), 2);
    }

    [Fact]
    public void WithEnoughOversamplingTheComponentsAreExactAndWithLessTheyAreClose()
    {
        var data = FashionMnistSlice.TrainingRows(600).SelectRows(Enumerable.Range(0, 600).ToArray());
        var narrow = new FeatureMatrix(Enumerable.Range(0, 600).SelectMany(row => data.Row(row)[300..340].ToArray()).ToArray(), 40);
        var exact = PrincipalComponents.Fit(narrow, rank: 5);
        var covering = PrincipalComponents.FitRandomized(narrow, rank: 5, oversampling: 35, center: true, seed: 3);
        AssertSameComponents(exact, covering, count: 5, variances: 1e-4, alignment: 1e-4);

        var exactWide = PrincipalComponents.Fit(data, rank: 3);
        var randomized = PrincipalComponents.FitRandomized(data, rank: 3, oversampling: 20, center: true, seed: 3);
        AssertSameComponents(exactWide, randomized, count: 3, variances: 0.02, alignment: 0.02);
        Assert.Equal(exactWide.Mean.ToArray(), randomized.Mean.ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);

        var again = PrincipalComponents.FitRandomized(data, rank: 3, oversampling: 20, center: true, seed: 3);
        Assert.Equal(randomized.Components, again.Components);
        var otherSeed = PrincipalComponents.FitRandomized(data, rank: 3, oversampling: 2, center: true, seed: 4);
        Assert.NotEqual(randomized.Components, otherSeed.Components);
    }

    private static void AssertSameComponents(PrincipalComponents expected, PrincipalComponents actual, int count, double variances, double alignment)
    {
        var width = expected.InputWidth;
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(1, actual.Variances[i] / expected.Variances[i], variances);
            var dot = Enumerable.Range(0, width).Sum(k => (double)expected.Components[i * width + k] * actual.Components[i * width + k]);
            Assert.Equal(1, Math.Abs(dot), alignment);
        }
    }

    [Fact]
    public void WithoutCenteringTheMeanIsZeroAndTheFirstComponentPointsAtTheData()
    {
        var far = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 100).Select(i => new Row { Features = [10 + 0.01f * (i % 7), 10 - 0.01f * (i % 5), 10] }).ToList());
        var detector = _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 1, ensureZeroMean: false).Fit(far);
        var mean = default(VBuffer<float>);
        detector.Model.GetMean(ref mean);
        Assert.All(mean.GetValues().ToArray(), value => Assert.Equal(0f, value));
        Assert.False(detector.Model.IsCentered);

        var scores = detector.Transform(Rows(_ml, [20, 20, 20], [10, -10, 0])).GetColumn<float>("Score").ToArray();
        Assert.Equal(0, scores[0], 2);
        Assert.Equal(1, scores[1], 2);
    }

    [Fact]
    public void BadSettingsAndDataAreRefusedNamingWhatIsWrong()
    {
        var plane = Plane(_ml, 50);
        var tooManyComponents = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 4).Fit(plane));
        Assert.Equal("Rank", tooManyComponents.ParamName);
        Assert.Contains("3 values of column 'Features'", tooManyComponents.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 4).GetOutputSchema(SchemaShape.Create(plane.Schema)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(oversampling: -1));
        Assert.Contains("Weights", Assert.Throws<NotSupportedException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(exampleWeightColumnName: "Weights")).Message);
        Assert.Contains("'Missing'", Assert.ThrowsAny<ArgumentException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca("Missing", rank: 1).Fit(plane)).Message);

        var gap = Rows(_ml, [1, 2, 3], [2, float.NaN, 1], [0, 1, 1]);
        Assert.Contains("Row 1 of column 'Features' has NaN", Assert.ThrowsAny<ArgumentException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 1).Fit(gap)).Message);
        Assert.Contains("2 rows", Assert.ThrowsAny<ArgumentException>(() => _ml.AnomalyDetection.Trainers.RandomizedPca(rank: 1).Fit(Rows(_ml, [1, 2, 3]))).Message);
    }

    internal sealed class Row
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }
}
