using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

public class EvaluationTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void AurocAgreesWithCountingEveryPair()
    {
        var random = new Random(8);
        // Scores rounded to one decimal so that ties occur.
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            var anomaly = random.NextDouble() < 0.3;
            var score = (float)Math.Round(random.NextDouble() + (anomaly ? 0.4 : 0), 1);
            return new ScoredRow { Label = anomaly, Score = score, PredictedLabel = score > 0.9f };
        }).ToList();

        var metrics = _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(rows));

        double wins = 0;
        var anomalies = rows.Where(r => r.Label).ToList();
        var normals = rows.Where(r => !r.Label).ToList();
        foreach (var a in anomalies)
        foreach (var n in normals)
            wins += a.Score > n.Score ? 1 : a.Score == n.Score ? 0.5 : 0;
        Assert.Equal(wins / (anomalies.Count * (double)normals.Count), metrics.AreaUnderRocCurve, 12);

        var truePositives = rows.Count(r => r.Label && r.PredictedLabel);
        Assert.Equal(truePositives / (double)rows.Count(r => r.PredictedLabel), metrics.Precision, 12);
        Assert.Equal(truePositives / (double)anomalies.Count, metrics.Recall, 12);
        Assert.Equal(2 * metrics.Precision * metrics.Recall / (metrics.Precision + metrics.Recall), metrics.F1Score, 12);
    }

    [Fact]
    public void DetectionRateCountsAnomaliesAboveTheKthFalsePositive()
    {
        // Ranked by score: A A N A N A N A ...
        bool[] labels = [true, true, false, true, false, true, false, true];
        var rows = labels.Select((label, i) => new ScoredRow { Label = label, Score = 10 - i }).ToList();

        var metrics = _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(rows), falsePositiveCount: 2);
        Assert.Equal(3 / 5.0, metrics.DetectionRateAtFalsePositiveCount, 12);
        Assert.Equal(2, metrics.FalsePositiveCount);
    }

    [Fact]
    public void TheBestF1IsTheHighestOverEveryThresholdAndItsThresholdReachesIt()
    {
        // Ranked by score: A A N A N A N A, with the last two tied. Flagging the top k gives
        // F1 = 2 TP / (k + 5): 2/6, 4/7, 4/8, 6/9, 6/10, 8/11, then (k = 8, the tie taken whole) 10/13.
        bool[] labels = [true, true, false, true, false, true, false, true];
        float[] scores = [10, 9, 8, 7, 6, 5, 4, 4];
        var rows = labels.Select((label, i) => new ScoredRow { Label = label, Score = scores[i] }).ToList();

        var metrics = _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(10 / 13.0, metrics.BestF1Score, 12);
        Assert.True(metrics.BestF1Threshold < 4f);

        var topThree = rows.Take(5).Select(row => new ScoredRow { Label = row.Label, Score = row.Score }).Append(new ScoredRow { Score = 1 }).ToList();
        var best = _ml.AnomalyDetection.Evaluate(_ml.Data.LoadFromEnumerable(topThree));
        Assert.Equal(6 / 7.0, best.BestF1Score, 12);
        Assert.Equal(6f, best.BestF1Threshold);
    }

    [Fact]
    public void RejectsLabelsOfOneClassAndMissingColumns()
    {
        var oneClass = _ml.Data.LoadFromEnumerable(new[] { new ScoredRow { Label = true }, new ScoredRow { Label = true } });
        Assert.Contains("Column 'Label' needs both classes to evaluate; it has 2 positive (true) and 0 negative (false) rows", Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Evaluate(oneClass)).Message);
        Assert.Contains("Column 'Truth' is not in the data",
            Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Evaluate(oneClass, labelColumnName: "Truth")).Message);
    }

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
