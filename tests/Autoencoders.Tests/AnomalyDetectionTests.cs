using System.Globalization;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary><c>mlContext.AnomalyDetection.Trainers.Autoencoder</c> inside real ML.NET pipelines.</summary>
public sealed class AnomalyDetectionTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("autoencoder-detector-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static AutoencoderAnomalyDetectionOptions Quick(Action<AutoencoderAnomalyDetectionOptions>? change = null)
    {
        var options = new AutoencoderAnomalyDetectionOptions { Epochs = 30, LatentDimension = 2 };
        change?.Invoke(options);
        return options;
    }

    private IDataView Load(TabularRows[] rows) => _ml.Data.LoadFromEnumerable(rows);

    [Fact]
    public void ScoresAnomaliesHigherAndMLNetsEvaluateReadsTheOutput()
    {
        // The detector's own defaults (an automatic epoch count of about 3,000 steps) but the code width.
        var pipeline = _ml.Transforms.NormalizeMinMax("Features").Append(_ml.AnomalyDetection.Trainers.Autoencoder(latentDimension: 2));
        var model = pipeline.Fit(Load(TabularRows.Make(600, 0, seed: 1)));
        var scored = model.Transform(Load(TabularRows.Make(400, 40, seed: 2)));

        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var metrics = _ml.AnomalyDetection.Evaluate(scored);
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUROC {metrics.AreaUnderRocCurve}");
    }

    [Fact]
    public void ContaminationFlagsThatShareOfTheTrainingRows()
    {
        var data = Load(TabularRows.Make(500, 0, seed: 3));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => o.Contamination = 0.2f)).Fit(data);
        var flagged = detector.Transform(data).GetColumn<bool>("PredictedLabel").Count(anomaly => anomaly);
        Assert.InRange(flagged, 99, 101);
    }

    [Fact]
    public void TheAutomaticThresholdIsTheMedianPlusTwoAndAHalfScaledMedianAbsoluteDeviations()
    {
        var data = Load(TabularRows.Make(300, 0, seed: 4));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => o.AutomaticThreshold = true)).Fit(data);
        var scores = detector.Transform(data).GetColumn<float>("Score").Select(score => (double)score).ToArray();
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var median = Median(scores);
        var expected = median + 2.5 * 1.4826 * Median(scores.Select(score => Math.Abs(score - median)));
        Assert.Equal(expected, detector.Threshold, 1e-4 * (1 + expected));
    }

    [Fact]
    public void FalsePositiveRateNeedsHeldOutRowsAndHoldsOnNewNormalRows()
    {
        var data = Load(TabularRows.Make(800, 0, seed: 5));
        var noValidation = Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => o.FalsePositiveRate = 0.05f)));
        Assert.Contains("ValidationFraction", noValidation.Message);

        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => { o.FalsePositiveRate = 0.05f; o.ValidationFraction = 0.25f; })).Fit(data);
        var fresh = detector.Transform(Load(TabularRows.Make(2000, 0, seed: 6))).GetColumn<bool>("PredictedLabel").Count(anomaly => anomaly) / 2000.0;
        Assert.InRange(fresh, 0.01, 0.12);
    }

    [Fact]
    public void AnExplicitThresholdDecidesAndChangeModelThresholdSharesTheModelUntilBothAreDisposed()
    {
        var data = Load(TabularRows.Make(300, 0, seed: 7));
        var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => o.Threshold = 5f)).Fit(data);
        var scored = detector.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        Assert.Equal(scores.Select(score => score > 5f), scored.GetColumn<bool>("PredictedLabel"));

        var median = scores.Order().ElementAt(scores.Length / 2);
        var changed = _ml.AnomalyDetection.ChangeModelThreshold(detector, median);
        Assert.Equal(5f, detector.Threshold);
        Assert.Equal(scores.Select(score => score > median), changed.Transform(data).GetColumn<bool>("PredictedLabel"));

        detector.Dispose();
        Assert.Equal(scores, changed.Transform(data).GetColumn<float>("Score"));
        changed.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => changed.Transform(data).GetColumn<float>("Score").ToArray());
        Assert.Throws<ObjectDisposedException>(() => _ml.AnomalyDetection.ChangeModelThreshold(detector, 1f));
    }

    [Fact]
    public void FeatureContributionsPointAtTheBrokenMeasurementAndCarryTheSlotNames()
    {
        var rows = TabularRows.Make(600, 0, seed: 8);
        var pipeline = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(Quick(o =>
            {
                o.Epochs = null;
                o.FeatureContributionsColumnName = "Contributions";
                o.ReconstructionColumnName = "Reconstruction";
            })));
        var model = pipeline.Fit(Load(rows));

        var broken = TabularRows.Make(20, 0, seed: 9);
        foreach (var row in broken)
        {
            row.Features[6] += 2f;
        }

        var scored = model.Transform(Load(broken));
        var contributions = scored.GetColumn<float[]>("Contributions").ToArray();
        Assert.True(contributions.Count(values => Array.IndexOf(values, values.Max()) == 6) >= 15,
            string.Join("; ", contributions.Select(values => Array.IndexOf(values, values.Max()))));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, TabularRows.Width), scored.Schema["Reconstruction"].Type);
        Assert.Equal(20, scored.GetColumn<float[]>("Reconstruction").Count());
    }

    [Fact]
    public void TheLikelihoodScoreSeesARowOnTheLearnedLineButFarAlongItWhereTheReconstructionErrorDoesNot()
    {
        var random = new Random(4);
        var line = Enumerable.Range(0, 500).Select(_ =>
        {
            var t = random.NextSingle();
            return new Point { Features = [t, 2 * t + 0.2f * (random.NextSingle() - 0.5f)] };
        }).ToList();
        var training = _ml.Data.LoadFromEnumerable(line);
        var scoredRows = _ml.Data.LoadFromEnumerable(line.Append(new Point { Features = [4f, 8f] }).ToList());

        int RankOfTheFarRow(AnomalyScore score)
        {
            using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 1, HiddenWidths = [], Activation = Activation.Identity, OutputActivation = Activation.Identity,
                Epochs = 100, BatchSize = 32, LearningRate = 1e-2f, Score = score,
            }).Fit(training);
            var scores = detector.Transform(scoredRows).GetColumn<float>("Score").ToArray();
            return scores.Count(s => s > scores[^1]);
        }

        Assert.Equal(0, RankOfTheFarRow(AnomalyScore.NegativeLogLikelihood));
        Assert.True(RankOfTheFarRow(AnomalyScore.ReconstructionError) > 25, "a linear autoencoder reconstructs a row on its line however far along it lies");
    }

    [Fact]
    public void TheLikelihoodScoreIsTheCodesMahalanobisDistancePlusEachFeaturesErrorOverItsResidualVariance()
    {
        var data = Load(TabularRows.Make(400, 0, seed: 10));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => o.FeatureContributionsColumnName = "Contributions")).Fit(data);
        var scored = detector.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var contributions = scored.GetColumn<float[]>("Contributions").ToArray();
        var features = FeatureMatrix.FromRows(data.GetColumn<float[]>("Features").ToList());
        var codes = detector.Model.Encode(features);
        var reconstruction = detector.Model.Reconstruct(features);
        int rows = features.Rows, width = features.Columns;
        static double Square(double value) => value * value;

        // Each fit: the residual variances (floored) and the code's mean and ridged 2 x 2 covariance over the rows kept;
        // the first over every row, then three times over the 60% of rows the previous fit scores lowest.
        double[] Score(IReadOnlyList<int> kept, out double[] weightedErrors)
        {
            var variance = Enumerable.Range(0, width).Select(j => kept.Average(i => Square(features.Row(i)[j] - reconstruction.Row(i)[j]))).ToArray();
            var floor = 1e-3 * variance.Average() + 1e-12;
            variance = variance.Select(v => Math.Max(v, floor)).ToArray();
            var mean = Enumerable.Range(0, 2).Select(a => kept.Average(i => (double)codes.Row(i)[a])).ToArray();
            double Covariance(int a, int b) => kept.Average(i => (codes.Row(i)[a] - mean[a]) * (codes.Row(i)[b] - mean[b]));
            var ridge = 1e-3 * (Covariance(0, 0) + Covariance(1, 1)) / 2 + 1e-12;
            var (p, q, r) = (Covariance(0, 0) + ridge, Covariance(0, 1), Covariance(1, 1) + ridge);
            var determinant = p * r - q * q;
            var weighted = Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, width).Select(j => Square(features.Row(i)[j] - reconstruction.Row(i)[j]) / variance[j]).ToArray()).ToArray();
            weightedErrors = weighted.SelectMany(row => row).ToArray();
            return Enumerable.Range(0, rows).Select(i =>
            {
                var (x, y) = (codes.Row(i)[0] - mean[0], codes.Row(i)[1] - mean[1]);
                return weighted[i].Sum() + (r * x * x - 2 * q * x * y + p * y * y) / determinant;
            }).ToArray();
        }

        var expected = Score(Enumerable.Range(0, rows).ToArray(), out var expectedContributions);
        for (var step = 0; step < 3; step++)
        {
            var threshold = expected.Order().ElementAt((int)Math.Ceiling(0.6 * rows) - 1);
            var previous = expected;
            expected = Score(Enumerable.Range(0, rows).Where(i => previous[i] <= threshold).ToArray(), out expectedContributions);
        }

        for (var i = 0; i < rows; i++)
        {
            Assert.Equal(expected[i], scores[i], 1e-3 * (1 + scores[i]));
            Assert.All(expectedContributions.Skip(i * width).Take(width).Zip(contributions[i]), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + pair.First)));
        }
    }

    [Fact]
    public void APredictionEngineScoresOneRowAsTheBatchDoes()
    {
        var rows = TabularRows.Make(300, 10, seed: 11);
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(Load(rows));
        var scored = detector.Transform(Load(rows));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var engine = _ml.Model.CreatePredictionEngine<TabularRows, Prediction>(detector);
        foreach (var i in new[] { 0, 150, 305 })
        {
            var prediction = engine.Predict(rows[i]);
            Assert.Equal(scores[i], prediction.Score, 1e-4 * (1 + scores[i]));
            Assert.Equal(labels[i], prediction.PredictedLabel);
        }
    }

    [Fact]
    public void NaNFeaturesAreRefusedAtFitAndAtScoringNamingRowAndSlot()
    {
        var rows = TabularRows.Make(100, 0, seed: 12);
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(Load(rows));
        rows[42].Features[3] = float.NaN;
        var atFit = Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(Load(rows)));
        Assert.Contains("Row 42 of column 'Features' has NaN at index 3", atFit.Message);
        var atScoring = Assert.Throws<InvalidOperationException>(() => detector.Transform(Load(rows)).GetColumn<float>("Score").ToArray());
        Assert.Contains("Row 42 of column 'Features' has NaN at index 3", atScoring.Message);
    }

    [Fact]
    public void AfterModelLoadANaNOrInfiniteFeatureGivesANaNScoreThatIsNeverCountedNormal()
    {
        var training = TabularRows.Make(300, 0, seed: 15);
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Quick()).Fit(Load(training));
        var path = Path.Combine(_directory, "detector.zip");
        _ml.Model.Save(detector, Load(training).Schema, path);
        var rows = TabularRows.Make(3, 0, seed: 16);
        rows[1].Features[2] = float.NaN;
        rows[2].Features[0] = float.PositiveInfinity;

        var scored = new MLContext().Model.Load(path, out _).Transform(Load(rows));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.True(float.IsFinite(scores[0]) && scores[0] < detector.Threshold && !labels[0], $"a normal row scored {scores[0]} ({labels[0]})");
        Assert.True(float.IsNaN(scores[1]) && labels[1], $"a NaN feature scored {scores[1]} ({labels[1]})");
        Assert.True(!float.IsFinite(scores[2]) && labels[2], $"an infinite feature scored {scores[2]} ({labels[2]})");
    }

    [Fact]
    public void ConflictingOrAbsurdSettingsAreRefusedWhenTheTrainerIsMade()
    {
        var trainers = _ml.AnomalyDetection.Trainers;
        Assert.Throws<ArgumentException>(() => trainers.Autoencoder(Quick(o => { o.Threshold = 1f; o.Contamination = 0.1f; })));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Autoencoder(Quick(o => o.Contamination = 1.5f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Autoencoder(Quick(o => o.Threshold = float.NaN)));
        Assert.Throws<ArgumentException>(() => trainers.Autoencoder(Quick(o => o.FeatureContributionsColumnName = "Score")));
        Assert.Throws<ArgumentException>(() => trainers.Autoencoder(Quick(o => o.FeatureColumnName = " ")));
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Autoencoder("Pixels").Fit(Load(TabularRows.Make(10, 0, seed: 1))));
        Assert.Contains("'Pixels' is not in the data", missing.Message);
    }

    [Fact]
    public void ASavedDetectorLoadsInAFreshPlainMLNetProcessWithTheSameScoresAndLabelsWithoutTorchSharp()
    {
        var training = TabularRows.Make(500, 0, seed: 13);
        var test = TabularRows.Make(200, 20, seed: 14);
        var pipeline = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(Quick(o => o.FeatureContributionsColumnName = "Features")));
        var model = pipeline.Fit(Load(training));
        var path = Path.Combine(_directory, "detector.zip");
        _ml.Model.Save(model, Load(training).Schema, path);
        var scored = model.Transform(Load(test));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var contributions = scored.GetColumn<float[]>("Features").ToArray();

        var loaded = new MLContext().Model.Load(path, out _).Transform(Load(test));
        Assert.Equal(labels, loaded.GetColumn<bool>("PredictedLabel"));
        Assert.All(scores.Zip(loaded.GetColumn<float>("Score")), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));
        Assert.All(contributions.SelectMany(c => c).Zip(loaded.GetColumn<float[]>("Features").SelectMany(c => c)),
            pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));

        var csv = Path.Combine(_directory, "table.csv");
        File.WriteAllLines(csv, test.Select(row => string.Join(',', new[] { row.Label }.Concat(row.Features).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        var output = Path.Combine(_directory, "scored.txt");
        var (exit, stdout, stderr) = ExternalCommand.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "score-saved-detector", path, csv, TabularRows.Width.ToString(CultureInfo.InvariantCulture), output],
            TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, stderr);
        Assert.True(stdout.Contains("loaded [Autoencoders.Scoring]", StringComparison.Ordinal), stdout);
        Assert.Contains($"auc {_ml.AnomalyDetection.Evaluate(scored).AreaUnderRocCurve.ToString("F6", CultureInfo.InvariantCulture)}", stdout);
        var lines = File.ReadAllLines(output).Select(line => line.Split(' ')).ToArray();
        Assert.Equal(labels, lines.Select(line => bool.Parse(line[1])));
        Assert.All(scores.Zip(lines.Select(line => float.Parse(line[0], CultureInfo.InvariantCulture))),
            pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));
    }

    [Fact]
    public void TheSmoothedScoreIsTheMeanSquaredGaussianSmoothedDifferenceAndSavesForPlainMLNet()
    {
        var images = ImageRows.Read(300);
        var data = _ml.Data.LoadFromEnumerable(images);
        var pipeline = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 8, Epochs = 2, Score = AnomalyScore.SmoothedReconstructionError, ImageShape = new ImageShape(1, 28, 28),
            ErrorSmoothingSigma = 1.5f, FeatureContributionsColumnName = "Map",
        });
        using var detector = pipeline.Fit(data);
        var scored = detector.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var maps = scored.GetColumn<float[]>("Map").ToArray();
        var reconstructions = detector.Model.Reconstruct(FashionMnistSlice.TrainingRows(300));

        // The same smoothing written out: separable taps of a Gaussian cut at 3 sigma, zeros beyond the edges.
        var radius = (int)Math.Ceiling(3 * 1.5);
        var taps = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-0.5 * k * k / (1.5 * 1.5))).ToArray();
        taps = taps.Select(t => t / taps.Sum()).ToArray();
        foreach (var row in new[] { 0, 17, 299 })
        {
            var difference = images[row].Features.Zip(reconstructions.Row(row).ToArray(), (x, y) => (double)x - y).ToArray();
            var smoothed = new double[784];
            for (var y = 0; y < 28; y++)
            for (var x = 0; x < 28; x++)
            for (var i = -radius; i <= radius; i++)
            for (var j = -radius; j <= radius; j++)
            {
                if (y + i is >= 0 and < 28 && x + j is >= 0 and < 28)
                {
                    smoothed[y * 28 + x] += taps[i + radius] * taps[j + radius] * difference[(y + i) * 28 + x + j];
                }
            }

            Assert.Equal(smoothed.Average(v => v * v), scores[row], 1e-4 * scores[row]);
            Assert.All(smoothed.Zip(maps[row]), pair => Assert.Equal(pair.First * pair.First, pair.Second, 1e-6));
        }

        var path = Path.Combine(_directory, "smoothed.zip");
        _ml.Model.Save(detector, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _).Transform(data).GetColumn<float>("Score").ToArray();
        Assert.All(scores.Zip(loaded), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + pair.First)));

        var noShape = Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { Score = AnomalyScore.SmoothedReconstructionError }));
        Assert.Contains("ImageShape", noShape.Message);
    }

    private sealed class Point
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
