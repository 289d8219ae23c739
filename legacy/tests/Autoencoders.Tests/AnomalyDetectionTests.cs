using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class AnomalyDetectionTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView NormalizedTabular(int rows, int seed = 1)
    {
        var raw = TestData.Tabular(_ml, rows, seed);
        return _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Fit(TestData.Tabular(_ml, 1000)).Transform(raw);
    }

    // The normal rows vary along one direction (age), so a one-wide code leaves no room to memorize
    // outliers. Scored by reconstruction error: 4% of the training rows are outliers in one feature,
    // which inflates that feature's typical error and hides them from the likelihood score (AUROC 0.91).
    private static AutoencoderAnomalyDetectionOptions Options() => new()
    {
        LatentDimension = 1, Epochs = 30, BatchSize = 32, ValidationFraction = 0.1f, Score = AnomalyScore.ReconstructionError,
    };

    [Fact]
    public void ScoresOutliersHigherAndPassesTheWorkout()
    {
        var data = NormalizedTabular(1000);
        var options = Options();
        options.FeatureContributionsColumnName = "Contributions";
        var detector = EstimatorWorkout.Run(_ml, _ml.AnomalyDetection.Trainers.Autoencoder(options), data,
            (TestData.Tabular(_ml, 5), "Column 'Features' is not in the data"));

        var metrics = _ml.AnomalyDetection.Evaluate(detector.Transform(NormalizedTabular(500, seed: 2)), labelColumnName: "IsAnomaly");
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUROC {metrics.AreaUnderRocCurve:F3}");
        Assert.Equal(20, metrics.AnomalyCount);
    }

    [Fact]
    public void ByDefaultTheDetectorTrainsAboutThreeThousandStepsWhateverTheTablesSize()
    {
        Assert.Equal(500, new AutoencoderAnomalyDetectionOptions().EpochsFor(stepsPerEpoch: 4));
        Assert.Equal(30, new AutoencoderAnomalyDetectionOptions().EpochsFor(stepsPerEpoch: 100));
        Assert.Equal(28, new AutoencoderAnomalyDetectionOptions().EpochsFor(stepsPerEpoch: 110));
        Assert.Equal(10, new AutoencoderAnomalyDetectionOptions().EpochsFor(stepsPerEpoch: 10_000));
        Assert.Equal(7, new AutoencoderAnomalyDetectionOptions { Epochs = 7 }.EpochsFor(stepsPerEpoch: 4));

        // 1,000 rows in batches of 64 are 16 steps a pass: 188 passes make 3,008 steps.
        var history = new List<EpochProgress>();
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 1, Progress = new SynchronousProgress<EpochProgress>(history.Add),
        }).Fit(NormalizedTabular(1000));
        Assert.Equal(188, history.Count);
        Assert.All(history, epoch => Assert.Equal(188, epoch.EpochCount));
        Assert.All(history, epoch => Assert.Null(epoch.ValidationLoss));
        Assert.Equal(AnomalyScore.NegativeLogLikelihood, detector.ScoreKind);
    }

    [Fact]
    public void ContaminationFlagsThatShareOfTheTrainingRows()
    {
        var data = NormalizedTabular(1000);
        var options = Options();
        options.Contamination = 0.05f;
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var flagged = detector.Transform(data).GetColumn<bool>("PredictedLabel").ToArray().Count(p => p);
        Assert.Equal(50, flagged);
    }

    [Fact]
    public void TheAutomaticThresholdIsTheMedianPlusTwoAndAHalfScaledMedianAbsoluteDeviations()
    {
        var data = NormalizedTabular(1000);
        var options = Options();
        options.AutomaticThreshold = true;
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var scores = detector.Transform(data).GetColumn<float>("Score").Select(score => (double)score).Order().ToArray();
        var median = (scores[499] + scores[500]) / 2;
        var deviations = scores.Select(score => Math.Abs(score - median)).Order().ToArray();
        var expected = median + 2.5 * 1.4826 * (deviations[499] + deviations[500]) / 2;
        Assert.Equal(expected, detector.Threshold, expected * 1e-5);

        // The test data's 4% outliers are far out: the rule flags them and few others.
        var flagged = detector.Transform(data).GetColumn<bool>("PredictedLabel").Count(p => p);
        Assert.InRange(flagged, 30, 120);
    }

    [Fact]
    public void TheAutomaticThresholdFallsBackToTheMeanDeviationWhenMostScoresTie()
    {
        float[] scores = [1, 1, 1, 1, 1, 1, 2, 9];
        var threshold = AutoencoderAnomalyDetectionTrainer.RobustUpperFence(scores);
        Assert.Equal(1 + 2.5 * Math.Sqrt(Math.PI / 2) * (1 + 8) / 8.0, threshold, 5);
    }

    [Fact]
    public void FalsePositiveRateIsCalibratedOnHeldOutNormalRows()
    {
        var options = Options();
        options.FalsePositiveRate = 0.1f;
        options.ValidationFraction = 0.3f;
        var normal = _ml.Data.FilterRowsByColumn(NormalizedTabular(2000), "Age", 0, 100);
        var onlyNormal = _ml.Data.LoadFromEnumerable(_ml.Data.CreateEnumerable<TabularFeatures>(normal, false).Where(r => !r.IsAnomaly).ToList());
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(onlyNormal);

        var fresh = _ml.Data.LoadFromEnumerable(_ml.Data.CreateEnumerable<TabularFeatures>(NormalizedTabular(3000, seed: 9), false).Where(r => !r.IsAnomaly).ToList());
        var scored = detector.Transform(fresh);
        var falsePositiveRate = scored.GetColumn<bool>("PredictedLabel").ToArray().Average(p => p ? 1.0 : 0.0);
        Assert.InRange(falsePositiveRate, 0.05, 0.15);
    }

    [Fact]
    public void AnExplicitThresholdAndChangeModelThresholdDecideByIt()
    {
        var data = NormalizedTabular(500);
        var options = Options();
        options.Threshold = 0.5f;
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        Assert.Equal(0.5f, detector.Threshold);

        using var strict = _ml.AnomalyDetection.ChangeModelThreshold(detector, 0f);
        var scored = strict.Transform(data);
        Assert.All(scored.GetColumn<bool>("PredictedLabel").ToArray(), Assert.True);
        Assert.Equal(0.5f, detector.Threshold);
        Assert.Same(detector.Model, strict.Model);
    }

    [Fact]
    public void ChangeModelThresholdSharesTheModelUntilEveryDetectorIsDisposed()
    {
        var data = NormalizedTabular(200);
        var detector = _ml.AnomalyDetection.Trainers.Autoencoder(Options()).Fit(data);
        var lenient = _ml.AnomalyDetection.ChangeModelThreshold(detector, float.MaxValue);
        var expected = detector.Transform(data).GetColumn<float>("Score").ToArray();

        detector.Dispose();
        Assert.Equal(expected, lenient.Transform(data).GetColumn<float>("Score"));
        Assert.All(lenient.Transform(data).GetColumn<bool>("PredictedLabel"), Assert.False);
        Assert.Throws<ObjectDisposedException>(() => _ml.AnomalyDetection.ChangeModelThreshold(detector, 1f));

        lenient.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => lenient.Transform(data).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void ChangeModelThresholdWorksOnAFittedPipelinesLastTransformer()
    {
        var raw = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 300)).Transform(TestData.Tabular(_ml, 300));
        using var pipeline = _ml.Transforms.NormalizeMinMax("Features").Append(_ml.AnomalyDetection.Trainers.Autoencoder(Options())).Fit(raw);
        using (var strict = _ml.AnomalyDetection.ChangeModelThreshold(pipeline, 0f))
        {
            Assert.All(strict.Transform(raw).GetColumn<bool>("PredictedLabel"), Assert.True);
            Assert.Equal(pipeline.Transform(raw).GetColumn<float>("Score"), strict.Transform(raw).GetColumn<float>("Score"));
            Assert.Equal(0f, strict.LastTransformer.Threshold);
        }

        Assert.Contains(pipeline.Transform(raw).GetColumn<bool>("PredictedLabel"), predicted => !predicted);
    }

    [Fact]
    public void FeatureContributionsPointAtTheCorruptedFeature()
    {
        var data = NormalizedTabular(1000);
        var options = Options();
        options.FeatureContributionsColumnName = "Contributions";
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);

        var rows = _ml.Data.CreateEnumerable<TabularFeatures>(_ml.Data.TakeRows(data, 50), false).Where(r => !r.IsAnomaly).Take(20).ToList();
        foreach (var row in rows) row.Features[1] += row.Features[1] > 0.5f ? -0.5f : 0.5f;
        var scored = detector.Transform(_ml.Data.LoadFromEnumerable(rows));
        var contributions = scored.GetColumn<float[]>("Contributions").ToArray();
        var scores = scored.GetColumn<float>("Score").ToArray();
        var mostBlamed = Enumerable.Range(0, rows.Count).Count(r => Array.IndexOf(contributions[r], contributions[r].Max()) == 1);
        Assert.True(mostBlamed >= 16, $"the flipped feature was the top contributor in only {mostBlamed} of {rows.Count} rows");
        Assert.Equal(contributions[0].Average(), scores[0], 5);
    }

    [Fact]
    public void RejectsConflictingOrAbsurdThresholdSettings()
    {
        var both = Options();
        both.Threshold = 1;
        both.Contamination = 0.1f;
        Assert.Contains("at most one", Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(both)).Message);

        var automaticAndShare = Options();
        automaticAndShare.AutomaticThreshold = true;
        automaticAndShare.Contamination = 0.1f;
        Assert.Contains("AutomaticThreshold", Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(automaticAndShare)).Message);

        var badShare = Options();
        badShare.Contamination = 1.5f;
        Assert.Equal("Contamination", Assert.ThrowsAny<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(badShare)).ParamName);

        var noHoldout = Options();
        noHoldout.FalsePositiveRate = 0.1f;
        noHoldout.ValidationFraction = 0;
        Assert.Contains("ValidationFraction", Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(noHoldout)).Message);
    }

    [Fact]
    public void FashionMnistOneClassPipelineInUserCode()
    {
        // The README's anomaly pipeline on a slice: normal = class 7 (sneakers), scored on test rows.
        var ml = new MLContext(seed: 1);
        var train = ml.Data.FilterRowsByColumn(TestData.Images(ml, 2000), "Label", lowerBound: 7, upperBound: 8);
        var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 16, Epochs = 20, BatchSize = 32, FalsePositiveRate = 0.05f, ValidationFraction = 0.1f, Score = AnomalyScore.ReconstructionError,
        }).Fit(train);
        var test = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 1000).Select(i => new TestImage
        {
            Features = FashionMnistSlice.Test.Row(i).ToArray(), IsAnomaly = FashionMnistSlice.TestLabels[i] != 7,
        }).ToList());
        var metrics = ml.AnomalyDetection.Evaluate(detector.Transform(test), labelColumnName: "IsAnomaly");

        // About 200 sneakers train this; other classes reconstruct clearly worse.
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUROC {metrics.AreaUnderRocCurve:F3}");
    }

    private sealed class TabularFeatures
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];

        public bool IsAnomaly { get; set; }
    }

    private sealed class TestImage
    {
        [VectorType(784)]
        public float[] Features { get; set; } = [];

        public bool IsAnomaly { get; set; }
    }
}
