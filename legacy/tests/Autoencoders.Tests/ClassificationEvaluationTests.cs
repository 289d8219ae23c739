using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

public class ClassificationEvaluationTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void MulticlassMetricsMatchAHandCount()
    {
        // Labels 0,0,1,2 predicted 0,1,1,1: micro 2/4; per-class recall 1/2, 1, 0 -> macro 1/2.
        var rows = new[]
        {
            new Scored { Label = 0, PredictedLabel = 0, Score = [0.7f, 0.2f, 0.1f] },
            new Scored { Label = 0, PredictedLabel = 1, Score = [0.4f, 0.5f, 0.1f] },
            new Scored { Label = 1, PredictedLabel = 1, Score = [0.1f, 0.8f, 0.1f] },
            new Scored { Label = 2, PredictedLabel = 1, Score = [0.1f, 0.6f, 0.3f] },
        };

        var metrics = _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(0.5, metrics.MicroAccuracy, 12);
        Assert.Equal(0.5, metrics.MacroAccuracy, 12);
        Assert.Equal(-(Math.Log(0.7f) + Math.Log(0.4f) + Math.Log(0.8f) + Math.Log(0.3f)) / 4, metrics.LogLoss, 6);
        Assert.Equal(1, metrics.ConfusionMatrix[0, 1]);
        Assert.Equal(1, metrics.ConfusionMatrix[2, 1]);
        Assert.Equal([1.0, 1 / 3.0, 0.0], metrics.ConfusionMatrix.PerClassPrecision);

        var table = System.Text.RegularExpressions.Regex.Replace(metrics.ConfusionMatrix.GetFormattedConfusionTable(), " +", " ");
        Assert.Contains("PREDICTED || 0 | 1 | 2 | Recall", table);
        Assert.Contains(" 0 || 1 | 1 | 0 | 0.5000", table);
        Assert.Contains(" 2 || 0 | 1 | 0 | 0.0000", table);
        Assert.Contains("Precision || 1.0000 | 0.3333 | 0.0000 |", table);
        Assert.Equal([[1.0, 1, 0], [0, 1, 0], [0, 1, 0]], metrics.ConfusionMatrix.Counts);
    }

    [Fact]
    public void MulticlassRejectsLabelsOutsideTheClasses()
    {
        var rows = new[] { new Scored { Label = 3, PredictedLabel = 0, Score = [1, 0, 0] } };
        Assert.Contains("outside the 3 classes", Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(rows))).Message);
    }

    [Fact]
    public void BinaryMetricsMatchAHandCount()
    {
        // TP 2, FN 1, FP 1, TN 2.
        bool[] labels = [true, true, true, false, false, false];
        bool[] predicted = [true, true, false, true, false, false];
        float[] probabilities = [0.9f, 0.8f, 0.4f, 0.7f, 0.2f, 0.1f];
        var rows = labels.Select((label, i) => new BinaryScored
        {
            Label = label, PredictedLabel = predicted[i], Probability = probabilities[i], Score = MathF.Log(probabilities[i] / (1 - probabilities[i])),
        });

        var metrics = _ml.BinaryClassification.Evaluate(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(4 / 6.0, metrics.Accuracy, 12);
        Assert.Equal(2 / 3.0, metrics.PositivePrecision, 12);
        Assert.Equal(2 / 3.0, metrics.PositiveRecall, 12);
        Assert.Equal(2 / 3.0, metrics.F1Score, 12);
        Assert.Equal(8 / 9.0, metrics.AreaUnderRocCurve, 12);
        var expectedLogLoss = -labels.Select((label, i) => Math.Log(label ? probabilities[i] : 1 - probabilities[i])).Average();
        Assert.Equal(expectedLogLoss, metrics.LogLoss, 6);
    }

    private sealed class Scored
    {
        public int Label { get; set; }

        public int PredictedLabel { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }
}
