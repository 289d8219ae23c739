using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>Missing values as ML.NET has them: NaN in Single columns, replaced or indicated by transforms, native to XGBoost.</summary>
public class MissingValueTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Column(params float[] values) => _ml.Data.LoadFromEnumerable(values.Select(v => new Reading { Value = v }).ToList());

    [Theory]
    [InlineData(MissingValueReplacingEstimator.ReplacementMode.DefaultValue, 0f)]
    [InlineData(MissingValueReplacingEstimator.ReplacementMode.Mean, 3f)]
    [InlineData(MissingValueReplacingEstimator.ReplacementMode.Minimum, 1f)]
    [InlineData(MissingValueReplacingEstimator.ReplacementMode.Maximum, 7f)]
    public void ReplaceMissingValuesFillsNaNWithWhatTheModeLearnedFromTheValuesPresent(MissingValueReplacingEstimator.ReplacementMode mode, float expected)
    {
        var data = Column(1, float.NaN, 7, 1, float.NaN);
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.ReplaceMissingValues("Filled", "Value", mode), data);
        Assert.Equal([1, expected, 7, 1, expected], transformer.Transform(data).GetColumn<float>("Filled"));
    }

    [Fact]
    public void VectorsAreFilledPerSlotOrWithOneStatisticForTheWholeColumn()
    {
        var data = _ml.Data.LoadFromEnumerable(new[]
        {
            new Vector { Values = [1, float.NaN, 10] },
            new Vector { Values = [3, 20, float.NaN] },
            new Vector { Values = [float.NaN, float.NaN, float.NaN] },
        });
        var bySlot = _ml.Transforms.ReplaceMissingValues("Values", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean).Fit(data);
        Assert.Equal([[1, 20, 10], [3, 20, 10], [2, 20, 10]], bySlot.Transform(data).GetColumn<float[]>("Values"));

        var whole = _ml.Transforms.ReplaceMissingValues("Values", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean, imputeBySlot: false).Fit(data);
        Assert.Equal([[1, 8.5f, 10], [3, 20, 8.5f], [8.5f, 8.5f, 8.5f]], whole.Transform(data).GetColumn<float[]>("Values"));
    }

    [Fact]
    public void IndicateMissingValuesMarksNaNAndRefusesVectorsNamingTheColumn()
    {
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.IndicateMissingValues("Missing", "Value"), Column(1, float.NaN, 2));
        Assert.Equal([false, true, false], transformer.Transform(Column(1, float.NaN, 2)).GetColumn<bool>("Missing"));

        var vectors = _ml.Data.LoadFromEnumerable(new[] { new Vector { Values = [1, 2, 3] } });
        Assert.Contains("Column 'Values' is Vector<Single, 3>", Assert.Throws<ArgumentException>(() => _ml.Transforms.IndicateMissingValues("Values").Fit(vectors)).Message);
    }

    [Fact]
    public void TheAutoencoderRefusesMissingValuesPointingToReplaceMissingValuesAndTrainsOnceTheyAreFilled()
    {
        var rows = Enumerable.Range(0, 64).Select(i => new Vector { Values = [i % 7, i % 3, i == 5 ? float.NaN : i % 5] }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var options = new AutoencoderAnomalyDetectionOptions { FeatureColumnName = "Values", LatentDimension = 2, Epochs = 2 };
        var error = Assert.Throws<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data));
        Assert.Contains("Row 5 of column 'Values' has NaN at index 2, a missing value", error.Message);
        Assert.Contains("ml.Transforms.ReplaceMissingValues(\"Values\"", error.Message);

        using var model = _ml.Transforms.ReplaceMissingValues("Values", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(options)).Fit(data);
        Assert.All(model.Transform(data).GetColumn<float>("Score"), score => Assert.True(float.IsFinite(score)));
    }

    [Fact]
    public void XGBoostTakesNaNAsItsMissingValueAndLearnsFromMissingness()
    {
        // The label is whether the first feature is missing: only a learner that sees NaN as missing can tell.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 400).Select(i => new Labelled
        {
            Features = [i % 2 == 0 ? float.NaN : (float)random.NextDouble(), (float)random.NextDouble()],
            Label = i % 2 == 0,
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.BinaryClassification.Trainers.XGBoost(numberOfTrees: 10).Fit(data);
        var metrics = _ml.BinaryClassification.Evaluate(model.Transform(data));
        Assert.Equal(1.0, metrics.Accuracy);

        rows[1].Features[1] = float.PositiveInfinity;
        Assert.Contains("Row 1 of column 'Features' has +Infinity at index 1",
            Assert.Throws<ArgumentException>(() => _ml.BinaryClassification.Trainers.XGBoost(numberOfTrees: 10).Fit(_ml.Data.LoadFromEnumerable(rows))).Message);
    }

    private sealed class Reading
    {
        public float Value { get; set; }
    }

    private sealed class Vector
    {
        [VectorType(3)]
        public float[] Values { get; set; } = [];
    }

    private sealed class Labelled
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
