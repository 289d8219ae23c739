using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>The detector's <see cref="AnomalyScore.NegativeLogLikelihood"/> score: what it computes, and what it sees that the reconstruction error does not.</summary>
public class NegativeLogLikelihoodScoreTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void TheScoreIsTheCodesMahalanobisDistancePlusEachFeaturesErrorOverItsResidualVariance()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Fit(TestData.Tabular(_ml, 400)).Transform(TestData.Tabular(_ml, 400));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 2, Epochs = 5, Score = AnomalyScore.NegativeLogLikelihood, FeatureContributionsColumnName = "Contributions",
        }).Fit(data);

        var scored = detector.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var contributions = scored.GetColumn<float[]>("Contributions").ToArray();
        var features = FeatureMatrix.FromRows(data.GetColumn<float[]>("Features").ToList());
        var codes = detector.Model.Encode(features);
        var reconstruction = detector.Model.Reconstruct(features);
        int rows = features.Rows, width = features.Columns, latent = codes.Columns;

        var variance = Enumerable.Range(0, width).Select(j => Enumerable.Range(0, rows).Average(i => Square(features.Row(i)[j] - reconstruction.Row(i)[j]))).ToArray();
        var floor = 1e-3 * variance.Average() + 1e-12;
        variance = variance.Select(v => Math.Max(v, floor)).ToArray();
        var mean = Enumerable.Range(0, latent).Select(a => Enumerable.Range(0, rows).Average(i => (double)codes.Row(i)[a])).ToArray();
        var covariance = new double[latent, latent];
        for (var a = 0; a < latent; a++)
        {
            for (var b = 0; b < latent; b++)
            {
                covariance[a, b] = Enumerable.Range(0, rows).Average(i => (codes.Row(i)[a] - mean[a]) * (codes.Row(i)[b] - mean[b]));
            }
        }

        var ridge = 1e-3 * (covariance[0, 0] + covariance[1, 1]) / 2 + 1e-12;
        var (p, q, r) = (covariance[0, 0] + ridge, covariance[0, 1], covariance[1, 1] + ridge);
        var determinant = p * r - q * q;
        for (var i = 0; i < rows; i++)
        {
            var weighted = Enumerable.Range(0, width).Select(j => Square(features.Row(i)[j] - reconstruction.Row(i)[j]) / variance[j]).ToArray();
            var (x, y) = (codes.Row(i)[0] - mean[0], codes.Row(i)[1] - mean[1]);
            var mahalanobis = (r * x * x - 2 * q * x * y + p * y * y) / determinant;
            Assert.Equal(weighted.Sum() + mahalanobis, scores[i], 1e-3 * (1 + scores[i]));
            Assert.Equal(weighted, contributions[i].Select(c => (double)c), new Tolerance(1e-4));
        }
    }

    [Fact]
    public void ARowOnTheLearnedLineButFarAlongItIsSeenByTheCodeTermAlone()
    {
        var random = new Random(4);
        var line = Enumerable.Range(0, 500).Select(_ =>
        {
            var t = random.NextSingle();
            return new Point { Features = [t, 2 * t + 0.2f * (random.NextSingle() - 0.5f)] };
        }).ToList();
        var training = _ml.Data.LoadFromEnumerable(line);
        var scoredRows = _ml.Data.LoadFromEnumerable(line.Append(new Point { Features = [4f, 8f] }).ToList());
        AutoencoderAnomalyDetectionOptions Linear(AnomalyScore score) => new()
        {
            LatentDimension = 1, HiddenWidths = [], Activation = Activation.Identity, OutputActivation = Activation.Identity,
            Epochs = 100, BatchSize = 32, LearningRate = 1e-2f, ValidationFraction = 0, Score = score,
        };

        int RankOfTheFarRow(AnomalyScore score)
        {
            using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Linear(score)).Fit(training);
            var scores = detector.Transform(scoredRows).GetColumn<float>("Score").ToArray();
            return scores.Count(s => s > scores[^1]);
        }

        Assert.Equal(0, RankOfTheFarRow(AnomalyScore.NegativeLogLikelihood));
        Assert.True(RankOfTheFarRow(AnomalyScore.ReconstructionError) > 25, "a linear autoencoder reconstructs a row on its line however far along it lies");
    }

    private static double Square(double value) => value * value;

    private sealed class Point
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Tolerance(double absolute) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= absolute * (1 + Math.Abs(x));

        public int GetHashCode(double value) => 0;
    }
}
