using Autoencoders.Data;
using Autoencoders.Transforms;
using FsCheck;
using FsCheck.Fluent;

namespace Autoencoders.Tests;

/// <summary>
/// Every evaluator's numbers against a brute-force count of their definitions: on random inputs
/// with many ties, and on inputs large enough that a 32-bit count of pairs or rows would overflow.
/// </summary>
public class EvaluatorPropertyTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private sealed record Row(bool Label, float Score, bool PredictedLabel);

    [Fact]
    public void AnomalyMetricsEqualABruteForceCountOnRandomInputs()
    {
        var rows =
            from count in Gen.Choose(2, 300)
            from labels in Gen.ArrayOf(Gen.Elements(true, false), count)
            from scores in Gen.ArrayOf(Gen.Choose(0, 12), count)
            from predicted in Gen.ArrayOf(Gen.Elements(true, false), count)
            from falsePositives in Gen.Choose(1, 20)
            where labels.Contains(true) && labels.Contains(false)
            select (Rows: labels.Select((label, i) => new Row(label, scores[i] / 4f, predicted[i])).ToArray(), FalsePositives: falsePositives);

        Check.QuickThrowOnFailure(Prop.ForAll(rows.ToArbitrary(), input =>
        {
            var metrics = Ml.AnomalyDetection.Evaluate(Ml.Data.LoadFromEnumerable(input.Rows), falsePositiveCount: input.FalsePositives);
            var expected = BruteForce(input.Rows, input.FalsePositives);
            return Math.Abs(metrics.AreaUnderRocCurve - expected.Auroc) < 1e-12
                   && Math.Abs(metrics.DetectionRateAtFalsePositiveCount - expected.DetectionRate) < 1e-12
                   && Math.Abs(metrics.Precision - expected.Precision) < 1e-12
                   && Math.Abs(metrics.Recall - expected.Recall) < 1e-12
                   && metrics.AnomalyCount == input.Rows.Count(r => r.Label)
                   && metrics.NormalCount == input.Rows.Count(r => !r.Label);
        }));
    }

    [Fact]
    public void BinaryMetricsEqualABruteForceCountOnRandomInputs()
    {
        var rows =
            from count in Gen.Choose(2, 300)
            from labels in Gen.ArrayOf(Gen.Elements(true, false), count)
            from probabilities in Gen.ArrayOf(Gen.Choose(0, 10), count)
            where labels.Contains(true) && labels.Contains(false)
            select labels.Select((label, i) => new BinaryScored { Label = label, Probability = probabilities[i] / 10f, Score = probabilities[i] - 5, PredictedLabel = probabilities[i] > 5 }).ToArray();

        Check.QuickThrowOnFailure(Prop.ForAll(rows.ToArbitrary(), input =>
        {
            var metrics = Ml.BinaryClassification.Evaluate(Ml.Data.LoadFromEnumerable(input));
            var expected = BruteForce(input.Select(r => new Row(r.Label, r.Score, r.PredictedLabel)).ToArray(), 1);
            var correct = input.Count(r => r.Label == r.PredictedLabel);
            // Probabilities clipped to [1e-15, 1 - 1e-15], as documented.
            var logLoss = -input.Average(r => Math.Clamp(r.Probability, 1e-15, 1 - 1e-15) is var p && r.Label ? Math.Log(p) : Math.Log(1 - p));
            return Math.Abs(metrics.AreaUnderRocCurve - expected.Auroc) < 1e-12
                   && Math.Abs(metrics.Accuracy - correct / (double)input.Length) < 1e-12
                   && Math.Abs(metrics.PositivePrecision - expected.Precision) < 1e-12
                   && Math.Abs(metrics.PositiveRecall - expected.Recall) < 1e-12
                   && Math.Abs(metrics.LogLoss - logLoss) < 1e-6;
        }));
    }

    [Fact]
    public void MulticlassMetricsEqualABruteForceCountOnRandomInputs()
    {
        var rows =
            from count in Gen.Choose(1, 200)
            from labels in Gen.ArrayOf(Gen.Choose(0, 3), count)
            from predicted in Gen.ArrayOf(Gen.Choose(0, 3), count)
            from weights in Gen.ArrayOf(Gen.Choose(1, 9), 4 * count)
            select labels.Select((label, i) => new ClassRow
            {
                Label = label, PredictedLabel = predicted[i], Score = weights[(4 * i)..(4 * i + 4)].Select(w => w / (float)weights[(4 * i)..(4 * i + 4)].Sum()).ToArray(),
            }).ToArray();

        Check.QuickThrowOnFailure(Prop.ForAll(rows.ToArbitrary(), input =>
        {
            var metrics = Ml.MulticlassClassification.Evaluate(Ml.Data.LoadFromEnumerable(input));
            var present = input.Select(r => r.Label).Distinct().ToArray();
            var macro = present.Average(k => input.Count(r => r.Label == k && r.PredictedLabel == k) / (double)input.Count(r => r.Label == k));
            var logLoss = -input.Average(r => Math.Log(r.Score[r.Label]));
            return Math.Abs(metrics.MicroAccuracy - input.Count(r => r.Label == r.PredictedLabel) / (double)input.Length) < 1e-12
                   && Math.Abs(metrics.MacroAccuracy - macro) < 1e-12
                   && Math.Abs(metrics.LogLoss - logLoss) < 1e-6
                   && Enumerable.Range(0, 4).All(a => Enumerable.Range(0, 4).All(p =>
                       metrics.ConfusionMatrix[a, p] == input.Count(r => r.Label == a && r.PredictedLabel == p)));
        }));
    }

    [Fact]
    public void RegressionMetricsEqualTheirDefinitionsOnRandomInputs()
    {
        var rows =
            from count in Gen.Choose(2, 200)
            from labels in Gen.ArrayOf(Gen.Choose(-50, 50), count)
            from scores in Gen.ArrayOf(Gen.Choose(-50, 50), count)
            where labels.Distinct().Count() > 1
            select labels.Select((label, i) => new RegressionRow { Label = label / 4f, Score = scores[i] / 4f }).ToArray();

        Check.QuickThrowOnFailure(Prop.ForAll(rows.ToArbitrary(), input =>
        {
            var metrics = Ml.Regression.Evaluate(Ml.Data.LoadFromEnumerable(input));
            var mean = input.Average(r => (double)r.Label);
            var squared = input.Sum(r => Math.Pow(r.Label - r.Score, 2));
            return Math.Abs(metrics.MeanAbsoluteError - input.Average(r => Math.Abs((double)r.Label - r.Score))) < 1e-9
                   && Math.Abs(metrics.MeanSquaredError - squared / input.Length) < 1e-9
                   && Math.Abs(metrics.RootMeanSquaredError - Math.Sqrt(squared / input.Length)) < 1e-9
                   && Math.Abs(metrics.RSquared - (1 - squared / input.Sum(r => Math.Pow(r.Label - mean, 2)))) < 1e-9;
        }));
    }

    [Theory]
    [InlineData(50_000, 50_000)]
    [InlineData(46_341, 10)]
    [InlineData(10, 70_000)]
    public void SeparatedScoresGiveExactlyOneAtAnySize(int anomalies, int normals)
    {
        var rows = Enumerable.Range(0, anomalies).Select(i => new Row(true, 2 + i / (float)anomalies, true))
            .Concat(Enumerable.Range(0, normals).Select(i => new Row(false, i / (float)normals, false))).ToArray();
        var data = Ml.Data.LoadFromEnumerable(rows);

        var metrics = Ml.AnomalyDetection.Evaluate(data);
        Assert.Equal(1.0, metrics.AreaUnderRocCurve);
        Assert.Equal(1.0, metrics.DetectionRateAtFalsePositiveCount);
        Assert.Equal(anomalies, metrics.AnomalyCount);

        var reversed = Ml.Data.LoadFromEnumerable(rows.Select(r => r with { Score = -r.Score }));
        Assert.Equal(0.0, Ml.AnomalyDetection.Evaluate(reversed).AreaUnderRocCurve);

        var binary = Ml.BinaryClassification.Evaluate(Ml.Data.LoadFromEnumerable(rows.Select(r =>
            new BinaryScored { Label = r.Label, Score = r.Score, Probability = r.Label ? 1 : 0, PredictedLabel = r.PredictedLabel })));
        Assert.Equal(1.0, binary.AreaUnderRocCurve);
        Assert.Equal(normals, binary.ConfusionMatrix[0, 0]);
    }

    [Fact]
    public void LargeRandomInputsEqualAPairCountByScoreValue()
    {
        // 70,000 anomalies and 30,000 normal rows with 40 distinct scores: 2.1e9 pairs, past Int32.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 100_000).Select(i =>
        {
            var anomaly = i < 70_000;
            return new Row(anomaly, random.Next(anomaly ? 5 : 0, 40), false);
        }).ToArray();

        var metrics = Ml.AnomalyDetection.Evaluate(Ml.Data.LoadFromEnumerable(rows), falsePositiveCount: 1000);

        // Every (anomaly, normal) pair, counted by score value: anomalies at a value beat the normal rows below it.
        var anomaliesAt = new long[40];
        var normalsAt = new long[40];
        foreach (var row in rows) (row.Label ? anomaliesAt : normalsAt)[(int)row.Score]++;
        double wins = 0;
        for (var a = 0; a < 40; a++)
        for (var n = 0; n < 40; n++)
            wins += anomaliesAt[a] * normalsAt[n] * (a > n ? 1 : a == n ? 0.5 : 0);

        // Anomalies at a value are found when fewer than 1,000 normal rows score that value or more.
        long found = 0;
        for (var a = 0; a < 40; a++)
        {
            if (normalsAt[a..].Sum() < 1000) found += anomaliesAt[a];
        }

        Assert.Equal(wins / (70_000.0 * 30_000), metrics.AreaUnderRocCurve, 12);
        Assert.InRange(metrics.AreaUnderRocCurve, 0, 1);
        Assert.Equal(found / 70_000.0, metrics.DetectionRateAtFalsePositiveCount, 12);
    }

    [Fact]
    public void NaNScoresAndLabelsAreRefusedNamingTheRow()
    {
        var rows = new[] { new Row(true, 1, true), new Row(false, float.NaN, false) };
        Assert.Contains("Row 1 of column 'Score' is NaN", Assert.Throws<ArgumentException>(() => Ml.AnomalyDetection.Evaluate(Ml.Data.LoadFromEnumerable(rows))).Message);

        var unlabelled = new[] { new SingleLabelRow { Label = 1 }, new SingleLabelRow { Label = float.NaN }, new SingleLabelRow { Label = 0 } };
        Assert.Contains("Row 1 of column 'Label' has no label (NaN)",
            Assert.Throws<ArgumentException>(() => Ml.AnomalyDetection.Evaluate(Ml.Data.LoadFromEnumerable(unlabelled))).Message);
    }

    /// <summary>The metrics by their definitions: every (anomaly, normal) pair, every row.</summary>
    private static (double Auroc, double DetectionRate, double Precision, double Recall) BruteForce(Row[] rows, int falsePositiveCount)
    {
        var anomalies = rows.Where(r => r.Label).ToArray();
        var normals = rows.Where(r => !r.Label).ToArray();
        double wins = 0;
        foreach (var a in anomalies)
        foreach (var n in normals)
            wins += a.Score > n.Score ? 1 : a.Score == n.Score ? 0.5 : 0;

        // An anomaly is found when a threshold at its score flags fewer than k normal rows.
        var found = anomalies.Count(a => normals.Count(n => n.Score >= a.Score) < falsePositiveCount);
        var flagged = rows.Count(r => r.PredictedLabel);
        var truePositives = rows.Count(r => r.PredictedLabel && r.Label);
        return (wins / ((double)anomalies.Length * normals.Length), found / (double)anomalies.Length,
            flagged == 0 ? 0 : truePositives / (double)flagged, truePositives / (double)anomalies.Length);
    }

    private sealed class ClassRow
    {
        public int Label { get; set; }

        public int PredictedLabel { get; set; }

        [VectorType(4)]
        public float[] Score { get; set; } = [];
    }

    private sealed class RegressionRow
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }

    private sealed class SingleLabelRow
    {
        public float Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
