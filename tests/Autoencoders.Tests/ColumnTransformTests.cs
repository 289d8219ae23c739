using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

public class ColumnTransformTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ConcatenateJoinsScalarsAndVectorsInOrder()
    {
        var data = TestData.Tabular(_ml, 10);
        var invalid = _ml.Data.LoadFromEnumerable(new[] { new TextRow { Name = "x" } });
        var wrongType = _ml.Data.LoadFromEnumerable(new[] { new TabularRowWithTextAge() });

        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.Concatenate("Features", "Age", "Readings", "Income"), data,
            (invalid, "Column 'Age' is not in the data"),
            (wrongType, "Column 'Age' is Text but must be Single or a vector of Single"));

        var output = transformer.Transform(data);
        var features = output.GetColumn<float[]>("Features").ToArray();
        var row = _ml.Data.CreateEnumerable<TabularRow>(data, reuseRowObject: false).ElementAt(3);
        Assert.Equal(new VectorDataViewType(5), output.Schema["Features"].Type);
        Assert.Equal([row.Age, .. row.Readings, row.Income], features[3]);
    }

    [Fact]
    public void NormalizeMinMaxMapsTheFittedRangeToTheUnitInterval()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 200)).Transform(TestData.Tabular(_ml, 200));
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.NormalizeMinMax("Features"), data,
            (TestData.Tabular(_ml, 5), "Column 'Features' is not in the data"));

        var values = transformer.Transform(data).GetColumn<float[]>("Features").SelectMany(row => row).ToArray();
        for (var feature = 0; feature < 5; feature++)
        {
            var column = values.Where((_, i) => i % 5 == feature).ToArray();
            Assert.Equal(0f, column.Min(), 5);
            Assert.Equal(1f, column.Max(), 5);
        }
    }

    [Fact]
    public void NormalizeMeanVarianceGivesZeroMeanAndUnitVarianceAndZeroForConstants()
    {
        var rows = Enumerable.Range(0, 100).Select(i => new TabularRow { Age = i, Income = 7, Readings = [i * 2f, -i, 3], Name = "", IsAnomaly = false });
        var data = _ml.Data.LoadFromEnumerable(rows);
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.NormalizeMeanVariance("Scaled", "Readings"), data);

        var output = transformer.Transform(data);
        var scaled = output.GetColumn<float[]>("Scaled").ToArray();
        for (var feature = 0; feature < 2; feature++)
        {
            var column = Enumerable.Range(0, 100).Select(row => (double)scaled[row][feature]).ToArray();
            Assert.Equal(0, column.Average(), 4);
            Assert.Equal(1, column.Select(v => v * v).Average(), 4);
        }

        Assert.All(Enumerable.Range(0, 100), row => Assert.Equal(0f, scaled[row][2]));
        Assert.Equal(0f, ((NormalizingTransformer)transformer).Scale[2]);
    }

    [Fact]
    public void NormalizerRejectsNaNNamingRowColumnAndIndex()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new TabularRow { Readings = [1, 2, i == 17 ? float.NaN : 3] }).ToList();
        var error = Assert.Throws<ArgumentException>(() => _ml.Transforms.NormalizeMinMax("Readings").Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 17 of column 'Readings' has NaN at index 2", error.Message);
    }

    [Fact]
    public void FittedTransformersChainByHandAndTheLastTypeIsChecked()
    {
        var data = TestData.Tabular(_ml, 20);
        var concatenate = _ml.Transforms.Concatenate("Features", "Age", "Income").Fit(data);
        var normalize = _ml.Transforms.NormalizeMinMax("Features").Fit(concatenate.Transform(data));

        var chain = new TransformerChain<NormalizingTransformer>(concatenate, normalize);
        Assert.Same(normalize, chain.LastTransformer);
        EstimatorWorkout.AssertSameOutputs(normalize.Transform(concatenate.Transform(data)), chain.Transform(data));
        Assert.Throws<ArgumentException>(() => new TransformerChain<NormalizingTransformer>(normalize, concatenate));
        Assert.Throws<ArgumentException>(() => new TransformerChain<ITransformer>());
    }

    [Fact]
    public void CustomMappingAddsTheMappedColumnsButCannotBeSaved()
    {
        var data = TestData.Tabular(_ml, 30);
        var mapping = _ml.Transforms.CustomMapping<AgeRow, AgeBand>((row, band) => band.IsSenior = row.Age >= 60);

        var output = mapping.Fit(data).Transform(data);
        var ages = _ml.Data.CreateEnumerable<AgeRow>(data, false).Select(r => r.Age >= 60);
        Assert.Equal(ages, output.GetColumn<bool>("IsSenior").ToArray());
        Assert.Contains("Column 'Age' is not in the data",
            Assert.Throws<ArgumentException>(() => mapping.Fit(_ml.Data.LoadFromEnumerable(new[] { new TextRow() }))).Message);
        Assert.Throws<NotSupportedException>(() => _ml.Model.Save(mapping.Fit(data), data.Schema, Path.Combine(Path.GetTempPath(), "unsaved.zip")));
    }

    private sealed class AgeRow
    {
        public float Age { get; set; }
    }

    private sealed class AgeBand
    {
        public bool IsSenior { get; set; }
    }

    private sealed class TabularRowWithTextAge
    {
        public string Age { get; set; } = "old";

        [VectorType(3)]
        public float[] Readings { get; set; } = [1, 2, 3];

        public float Income { get; set; }
    }
}
