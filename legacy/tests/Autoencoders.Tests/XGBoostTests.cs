using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Tests;

public class XGBoostTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Points(int rows, int seed)
    {
        var random = new Random(seed);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            var (x, y) = ((float)random.NextDouble() * 4 - 2, (float)random.NextDouble() * 4 - 2);
            return new Point
            {
                Features = [x, y],
                Inside = x * x + y * y < 1.5f,
                Quadrant = (x > 0 ? 1 : 0) + (y > 0 ? 2 : 0),
                Height = 3 * x - y + 0.05f * (float)random.NextDouble(),
            };
        }).ToList());
    }

    [Fact]
    public void BinaryLearnsACircleAndPassesTheWorkout()
    {
        var trainer = _ml.BinaryClassification.Trainers.XGBoost(labelColumnName: "Inside", numberOfTrees: 50);
        var model = EstimatorWorkout.Run(_ml, trainer, Points(1000, 1), (_ml.Data.LoadFromEnumerable(new[] { new TextRow() }), "Column 'Features' is not in the data"));

        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(Points(1000, 2)), labelColumnName: "Inside");
        Assert.True(metrics.Accuracy > 0.95, $"accuracy {metrics.Accuracy:F3}");
        Assert.True(metrics.AreaUnderRocCurve > 0.98, $"AUC {metrics.AreaUnderRocCurve:F3}");
        Assert.Equal(1000, Enumerable.Range(0, 2).Sum(a => metrics.ConfusionMatrix[a, 0] + metrics.ConfusionMatrix[a, 1]));
    }

    [Fact]
    public void BinaryScoresAreFiniteMarginsEvenWhereTheProbabilityRoundsToOne()
    {
        // Separable classes, and nothing holding the leaves back: the probability of most rows rounds to exactly 1 or 0 in float.
        var rows = Enumerable.Range(0, 400).Select(i => new Point { Features = [i < 200 ? -10 - i : 10 + i, i % 7], Inside = i >= 200 }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.BinaryClassification.Trainers.XGBoost(new XGBoostOptions
        {
            LabelColumnName = "Inside", NumberOfTrees = 50, LearningRate = 1, MinimumChildWeight = 0, L2Regularization = 0,
        }).Fit(data);
        var scored = model.Transform(data);

        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Contains(probabilities, p => p == 1f);
        Assert.All(scores, score => Assert.True(float.IsFinite(score), $"score {score}"));
        for (var row = 0; row < rows.Count; row++)
        {
            Assert.Equal(1 / (1 + MathF.Exp(-scores[row])), probabilities[row], 1e-6f);
            Assert.Equal(rows[row].Inside, predicted[row]);
            Assert.Equal(scores[row] > 0, predicted[row]);
        }
    }

    [Fact]
    public void MulticlassPredictsProbabilitiesPerClassAndPassesTheWorkout()
    {
        var trainer = _ml.MulticlassClassification.Trainers.XGBoost(labelColumnName: "Quadrant", numberOfTrees: 30);
        var model = EstimatorWorkout.Run(_ml, trainer, Points(800, 3));

        var scored = model.Transform(Points(500, 4));
        Assert.Equal(new VectorDataViewType(4), scored.Schema["Score"].Type);
        var probabilities = scored.GetColumn<float[]>("Score").ToArray();
        Assert.Equal(500, probabilities.Length);
        Assert.All(probabilities, row => Assert.Equal(1f, row.Sum(), 4));
        var metrics = _ml.MulticlassClassification.Evaluate(scored, labelColumnName: "Quadrant");
        Assert.True(metrics.MicroAccuracy > 0.97, $"accuracy {metrics.MicroAccuracy:F3}");
    }

    [Fact]
    public void RegressionFitsALinearFunction()
    {
        var model = EstimatorWorkout.Run(_ml, _ml.Regression.Trainers.XGBoost(labelColumnName: "Height", numberOfTrees: 200), Points(1000, 5));
        var metrics = _ml.Regression.Evaluate(model.Transform(Points(500, 6)), labelColumnName: "Height");
        Assert.True(metrics.RSquared > 0.98, $"R2 {metrics.RSquared:F3}");
        Assert.Equal(Math.Sqrt(metrics.MeanSquaredError), metrics.RootMeanSquaredError, 12);
    }

    [Fact]
    public void RejectsLabelsThatDoNotFitTheTask()
    {
        var points = Points(50, 7);
        Assert.Contains("Label column 'Height' is Single but must be a key (MapValueToKey) or Int32 classes",
            Assert.Throws<ArgumentException>(() => _ml.MulticlassClassification.Trainers.XGBoost(labelColumnName: "Height").Fit(points)).Message);
        Assert.Contains("Row 0 of label column 'Quadrant'",
            Assert.Throws<ArgumentException>(() => _ml.BinaryClassification.Trainers.XGBoost(labelColumnName: "Quadrant").Fit(
                _ml.Data.FilterRowsByColumn(points, "Quadrant", 2, 4))).Message);
        Assert.Equal("NumberOfTrees", Assert.ThrowsAny<ArgumentException>(() => _ml.Regression.Trainers.XGBoost(labelColumnName: "Height", numberOfTrees: 0)).ParamName);
        Assert.Equal("FeatureFraction", Assert.ThrowsAny<ArgumentException>(() =>
            _ml.Regression.Trainers.XGBoost(new XGBoostOptions { LabelColumnName = "Height", FeatureFraction = 0 })).ParamName);
    }

    [Fact]
    public void GarbageModelBytesGiveAnXGBoostErrorNotACrash()
    {
        var error = Assert.Throws<XGBoostException>(() => XGBoostModel.Load([1, 2, 3, 4, 5], XGBoostObjective.BinaryLogistic, 2, 2));
        Assert.False(string.IsNullOrEmpty(error.NativeMessage));
    }

    private sealed class Point
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public bool Inside { get; set; }

        public int Quadrant { get; set; }

        public float Height { get; set; }
    }
}
