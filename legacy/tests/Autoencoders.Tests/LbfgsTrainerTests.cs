using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class LbfgsTrainerTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Three overlapping classes in four features (the last is noise), so the optimum is finite.</summary>
    internal static List<Row> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var label = i % 3;
            float Noise() => (float)(random.NextDouble() * 2 - 1);
            return new Row
            {
                Features = [label + 1.5f * Noise(), (label == 1 ? 1 : 0) + 1.5f * Noise(), 0.3f * label + Noise(), Noise()],
                Label = label, Weight = 1 + i % 2, Positive = label == 2, Name = label == 0 ? "" : $"class {label}",
            };
        }).ToList();
    }

    /// <summary>The gradient of the smooth part of ML.NET's objective at the fitted parameters (biases first), worked out here in double.</summary>
    private static double[] SmoothGradient(LinearClassifier classifier, List<Row> rows, bool weighted, float l2)
    {
        int margins = classifier.MarginCount, width = classifier.InputWidth;
        var gradient = new double[margins * (width + 1)];
        double weightSum = 0;
        foreach (var row in rows)
        {
            double weight = weighted ? row.Weight : 1;
            weightSum += weight;
            var z = Enumerable.Range(0, margins).Select(k => classifier.Biases[k] + Enumerable.Range(0, width).Sum(j => (double)classifier.Weights[k * width + j] * row.Features[j])).ToArray();
            double[] residual;
            if (margins == 1)
            {
                residual = [1 / (1 + Math.Exp(-z[0])) - (row.Positive ? 1 : 0)];
            }
            else
            {
                var highest = z.Max();
                var exp = z.Select(v => Math.Exp(v - highest)).ToArray();
                residual = exp.Select((e, k) => e / exp.Sum() - (k == row.Label ? 1 : 0)).ToArray();
            }

            for (var k = 0; k < margins; k++)
            {
                gradient[k] += weight * residual[k];
                for (var j = 0; j < width; j++) gradient[margins + k * width + j] += weight * residual[k] * row.Features[j];
            }
        }

        for (var i = 0; i < gradient.Length; i++)
        {
            if (i >= margins) gradient[i] += l2 * classifier.Weights[i - margins];
            gradient[i] /= weightSum;
        }

        return gradient;
    }

    [Fact]
    public void MaximumEntropyReachesTheOptimumOfMLNetsObjectiveAndPassesTheWorkout()
    {
        var rows = Rows(600, seed: 1);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var trainer = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 2);
        var model = EstimatorWorkout.Run(_ml, trainer, data, (_ml.Data.LoadFromEnumerable(new[] { new Unrelated() }), "Column 'Features' is not in the data"));
        Assert.Contains("Label column 'Label' is Single but must be a key (MapValueToKey) or Int32 classes",
            Assert.Throws<ArgumentException>(() => trainer.Fit(_ml.Data.LoadFromEnumerable(new[] { new Wrong() }))).Message);

        var classifier = model.Model.Classifier;
        Assert.Equal(3, model.Model.NumberOfClasses);
        Assert.InRange(classifier.Iterations, 2, 1000);
        var gradient = SmoothGradient(classifier, rows, weighted: false, l2: 2);
        Assert.True(gradient.Max(Math.Abs) < 1e-4, $"largest gradient entry {gradient.Max(Math.Abs):E2} after {classifier.Iterations} iterations");

        var scored = model.Transform(_ml.Data.LoadFromEnumerable(Rows(600, seed: 2)));
        Assert.All(scored.GetColumn<float[]>("Score"), probabilities => Assert.Equal(1f, probabilities.Sum(), 1e-5f));
        var accuracy = _ml.MulticlassClassification.Evaluate(scored).MicroAccuracy;
        Assert.True(accuracy > 0.6, $"accuracy {accuracy:F3}");
    }

    [Fact]
    public void L1ZeroesWeightsWhereTheSubgradientAllowsIt()
    {
        var rows = Rows(600, seed: 3);
        const float l1 = 60, l2 = 0.5f;
        var classifier = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: l1, l2Regularization: l2)
            .Fit(_ml.Data.LoadFromEnumerable(rows)).Model.Classifier;

        // Optimality with the L1 term (coefficient l1 / rows): a weight at zero has a smooth
        // gradient within the coefficient; any other has it balanced by the coefficient.
        var gradient = SmoothGradient(classifier, rows, weighted: false, l2);
        var coefficient = l1 / rows.Count;
        var zeros = 0;
        for (var i = 0; i < classifier.Weights.Count; i++)
        {
            var (weight, slope) = (classifier.Weights[i], gradient[classifier.MarginCount + i]);
            if (weight == 0)
            {
                zeros++;
                Assert.True(Math.Abs(slope) <= coefficient + 1e-4, $"weight {i} is 0 with gradient {slope:F5} beyond ±{coefficient:F5}");
            }
            else
            {
                Assert.True(Math.Abs(slope + coefficient * Math.Sign(weight)) < 1e-3, $"weight {i} = {weight:F4}: gradient {slope:F5} not balanced by {coefficient:F5}");
            }
        }

        Assert.InRange(zeros, 1, classifier.Weights.Count - 1);
        Assert.All(Enumerable.Range(0, classifier.MarginCount), k => Assert.Equal(0, gradient[k], 1e-3));
    }

    [Fact]
    public void LogisticRegressionReachesTheOptimumWithRowWeightsAndCalibratesItsScores()
    {
        var rows = Rows(500, seed: 4);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = EstimatorWorkout.Run(_ml,
            _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Positive", exampleWeightColumnName: "Weight", l1Regularization: 0), data,
            (_ml.Data.LoadFromEnumerable(new[] { new Unrelated() }), "Column 'Features' is not in the data"));

        var gradient = SmoothGradient(model.Model.SubModel.Classifier, rows, weighted: true, l2: 1);
        Assert.True(gradient.Max(Math.Abs) < 1e-4, $"largest gradient entry {gradient.Max(Math.Abs):E2}");
        Assert.Equal(-1, model.Model.Calibrator.Slope);
        Assert.Equal(4, model.Model.SubModel.Weights.Count);

        var scored = model.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (var row = 0; row < scores.Length; row++)
        {
            Assert.Equal(model.Model.Calibrator.PredictProbability(scores[row]), probabilities[row], 1e-6f);
            Assert.Equal(scores[row] > model.Threshold, labels[row]);
        }

        var metrics = _ml.BinaryClassification.Evaluate(scored, labelColumnName: "Positive");
        Assert.True(metrics.AreaUnderRocCurve > 0.8, $"AUC {metrics.AreaUnderRocCurve:F3}");
    }

    [Fact]
    public void RowsWithoutAKeyLabelOrWithAMissingFeatureAreLeftOut()
    {
        var rows = Rows(300, seed: 5);
        rows[7].Features[2] = float.NaN;
        var keyed = _ml.Transforms.Conversion.MapValueToKey("NameKey", "Name").Fit(_ml.Data.LoadFromEnumerable(rows));
        var all = keyed.Transform(_ml.Data.LoadFromEnumerable(rows));
        var kept = rows.Where((row, i) => row.Name != "" && i != 7).ToList();
        Assert.Equal(199, kept.Count);

        var trainer = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "NameKey");
        var fromAll = trainer.Fit(all);
        var fromKept = trainer.Fit(keyed.Transform(_ml.Data.LoadFromEnumerable(kept)));
        Assert.Equal(2, fromAll.Model.NumberOfClasses);
        Assert.Equal(fromKept.Model.Classifier.Weights, fromAll.Model.Classifier.Weights);
        Assert.Equal(fromKept.Model.Classifier.Biases, fromAll.Model.Classifier.Biases);

        // The predicted label is the label's key, and maps back to its text.
        var predicted = _ml.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel").Fit(fromAll.Transform(all)).Transform(fromAll.Transform(all));
        Assert.All(predicted.GetColumn<string>("PredictedName"), name => Assert.Contains(name, new[] { "class 1", "class 2" }));
    }

    [Fact]
    public void NonNegativityKeepsEveryWeightAtOrAboveZero()
    {
        var classifier = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(enforceNonNegativity: true)
            .Fit(_ml.Data.LoadFromEnumerable(Rows(300, seed: 6))).Model.Classifier;
        Assert.All(classifier.Weights, weight => Assert.True(weight >= 0, $"weight {weight}"));
        Assert.Contains(classifier.Weights, weight => weight > 0);
    }

    [Fact]
    public void BadSettingsAndLabelsAreRefusedNamingWhatIsWrong()
    {
        Assert.Equal("L2", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l2Regularization: -1)).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(optimizationTolerance: 0)).ParamName);
        Assert.Equal("HistorySize", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(historySize: 0)).ParamName);

        var rows = Rows(30, seed: 7);
        rows[4].Label = -2;
        Assert.Contains("Row 4 of label column 'Label' is -2", Assert.Throws<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy().Fit(_ml.Data.LoadFromEnumerable(rows))).Message);
        rows[4].Label = 0;
        rows[5].Weight = float.NaN;
        Assert.Contains("Row 5 of weight column 'Weight' is NaN", Assert.Throws<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(exampleWeightColumnName: "Weight").Fit(_ml.Data.LoadFromEnumerable(rows))).Message);
        var oneClass = Rows(30, seed: 8).Select(row => { row.Label = 0; return row; });
        Assert.Contains("needs at least 2", Assert.Throws<ArgumentException>(() =>
            _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy().Fit(_ml.Data.LoadFromEnumerable(oneClass))).Message);
    }

    internal sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];

        public int Label { get; set; }

        public float Weight { get; set; }

        public bool Positive { get; set; }

        public string Name { get; set; } = "";
    }

    private sealed class Unrelated
    {
        public float Height { get; set; }
    }

    private sealed class Wrong
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [0, 0, 0, 0];

        public float Label { get; set; }
    }
}
