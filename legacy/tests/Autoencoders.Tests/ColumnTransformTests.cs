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
    public void NormalizeMinMaxKeepsZeroByDefaultAndMapsTheFittedRangeToTheUnitIntervalWithoutFixZero()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 200)).Transform(TestData.Tabular(_ml, 200));
        EstimatorWorkout.Run(_ml, _ml.Transforms.NormalizeMinMax("Features"), data, (TestData.Tabular(_ml, 5), "Column 'Features' is not in the data"));
        var raw = data.GetColumn<float[]>("Features").SelectMany(row => row).ToArray();
        var fixedZero = _ml.Transforms.NormalizeMinMax("Features").Fit(data).Transform(data).GetColumn<float[]>("Features").SelectMany(row => row).ToArray();
        var shifted = _ml.Transforms.NormalizeMinMax("Features", fixZero: false).Fit(data).Transform(data).GetColumn<float[]>("Features").SelectMany(row => row).ToArray();
        for (var feature = 0; feature < 5; feature++)
        {
            var column = shifted.Where((_, i) => i % 5 == feature).ToArray();
            Assert.Equal(0f, column.Min(), 5);
            Assert.Equal(1f, column.Max(), 5);
            var largest = raw.Where((_, i) => i % 5 == feature).Max(Math.Abs);
            Assert.Equal(1f, fixedZero.Where((_, i) => i % 5 == feature).Max(Math.Abs), 5);
            Assert.All(Enumerable.Range(0, 200), row => Assert.Equal(raw[row * 5 + feature] / largest, fixedZero[row * 5 + feature], 1e-6f));
        }
    }

    /// <summary>ML.NET's formulas on the column -2, 0, 1, 3 (and a NaN, left out): mean 0.5, population variance 3.25.</summary>
    [Theory]
    [InlineData("MinMax", new[] { -2 / 3f, 0, 1 / 3f, 1 })]
    [InlineData("MinMaxShifted", new[] { 0, 0.4f, 0.6f, 1 })]
    [InlineData("MeanVariance", new[] { -2 * 0.5345225f, 0, 0.5345225f, 3 * 0.5345225f })]
    [InlineData("MeanVarianceShifted", new[] { -2.5f * 0.5547002f, -0.5f * 0.5547002f, 0.5f * 0.5547002f, 2.5f * 0.5547002f })]
    [InlineData("MeanVarianceCdf", new[] { 0.082759f, 0.390756f, 0.609244f, 0.917241f })]
    public void NormalizersComputeMLNetsFormulasAndPassNaNThrough(string kind, float[] expected)
    {
        var data = _ml.Data.LoadFromEnumerable(new float[] { -2, 0, float.NaN, 1, 3 }.Select(v => new Reading { Value = v }));
        var transforms = _ml.Transforms;
        IEstimator<NormalizingTransformer> estimator = kind switch
        {
            "MinMax" => transforms.NormalizeMinMax("Value"),
            "MinMaxShifted" => transforms.NormalizeMinMax("Value", fixZero: false),
            "MeanVariance" => transforms.NormalizeMeanVariance("Value"),
            "MeanVarianceShifted" => transforms.NormalizeMeanVariance("Value", fixZero: false),
            _ => transforms.NormalizeMeanVariance("Value", useCdf: true),
        };
        var output = estimator.Fit(data).Transform(data).GetColumn<float>("Value").ToArray();
        Assert.Equal(expected, output.Where((_, i) => i != 2), new FloatTolerance(1e-6f));
        Assert.Equal(kind == "MeanVarianceCdf" ? 0f : float.NaN, output[2]);
    }

    /// <summary>Logs of the positive values 1, e, e² are 0, 1, 2: mean 1, population deviation sqrt(2/3); -1 and 0 map to 0.</summary>
    [Fact]
    public void NormalizeLogMeanVarianceIsTheNormalCdfOfTheLogarithm()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { 1, MathF.E, MathF.E * MathF.E, -1, 0 }.Select(v => new Reading { Value = v }));
        var transformer = _ml.Transforms.NormalizeLogMeanVariance("Value").Fit(data);
        Assert.Equal([0.110336f, 0.5f, 0.889664f, 0, 0], transformer.Transform(data).GetColumn<float>("Value"), new FloatTolerance(1e-6f));
        var parameters = Assert.IsType<NormalizingTransformer.CdfNormalizerModelParameters>(transformer.GetNormalizerModelParameters(0));
        Assert.Equal(1f, parameters.Mean[0], 6);
        Assert.Equal(MathF.Sqrt(2 / 3f), parameters.StandardDeviation[0], 6);
        Assert.Throws<NotSupportedException>(() => _ml.Transforms.NormalizeLogMeanVariance("Value", useCdf: false));
    }

    [Fact]
    public void NormalizersMapAConstantFeatureToZero()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Repeat(7f, 5).Select(v => new Reading { Value = v }));
        Assert.All([_ml.Transforms.NormalizeMinMax("Value"), _ml.Transforms.NormalizeMinMax("Value", fixZero: false),
                _ml.Transforms.NormalizeMeanVariance("Value"), _ml.Transforms.NormalizeMeanVariance("Value", useCdf: true), _ml.Transforms.NormalizeLogMeanVariance("Value")],
            estimator => Assert.All(estimator.Fit(data).Transform(data).GetColumn<float>("Value"), value => Assert.Equal(0f, value)));
    }

    [Fact]
    public void NormalizersLearnFromTheFirstMaximumExampleCountRows()
    {
        var data = _ml.Data.LoadFromEnumerable(new float[] { 1, 2, 100 }.Select(v => new Reading { Value = v }));
        var output = _ml.Transforms.NormalizeMinMax("Value", maximumExampleCount: 2).Fit(data).Transform(data).GetColumn<float>("Value");
        Assert.Equal([0.5f, 1, 50], output);
    }

    private sealed class Reading
    {
        public float Value { get; set; }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float value) => 0;
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
    public void CustomMappingAddsTheMappedColumnsButCannotBeSavedWithoutAContractName()
    {
        var data = TestData.Tabular(_ml, 30);
        var mapping = _ml.Transforms.CustomMapping<AgeRow, AgeBand>((row, band) => band.IsSenior = row.Age >= 60);

        var output = mapping.Fit(data).Transform(data);
        var ages = _ml.Data.CreateEnumerable<AgeRow>(data, false).Select(r => r.Age >= 60);
        Assert.Equal(ages, output.GetColumn<bool>("IsSenior").ToArray());
        Assert.Contains("Column 'Age' is not in the data",
            Assert.Throws<ArgumentException>(() => mapping.Fit(_ml.Data.LoadFromEnumerable(new[] { new TextRow() }))).Message);
        Assert.Contains("pass contractName", Assert.Throws<NotSupportedException>(() =>
            _ml.Model.Save(mapping.Fit(data), data.Schema, Path.Combine(Path.GetTempPath(), "unsaved.zip"))).Message);
    }

    [Fact]
    public void ACustomMappingWithAContractNameSavesAndLoadsWhereItsFactoryIsRegistered()
    {
        var data = TestData.Tabular(_ml, 30);
        var model = _ml.Transforms.CustomMapping(new SeniorFactory().GetMapping(), contractName: "Senior").Fit(data);
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);

        var fresh = new MLContext();
        stream.Position = 0;
        Assert.Contains("uses the custom mapping 'Senior', which no registered factory makes",
            Assert.Throws<InvalidOperationException>(() => fresh.Model.Load(stream, out _)).Message);

        fresh.ComponentCatalog.RegisterAssembly(typeof(SeniorFactory).Assembly);
        stream.Position = 0;
        var loaded = fresh.Model.Load(stream, out _);
        Assert.Equal(model.Transform(data).GetColumn<bool>("IsSenior"), loaded.Transform(data).GetColumn<bool>("IsSenior"));
        Assert.Equal("Senior", Assert.IsType<CustomMappingTransformer<AgeRow, AgeBand>>(loaded).ContractName);
    }

    [CustomMappingFactoryAttribute("Senior")]
    private sealed class SeniorFactory : CustomMappingFactory<AgeRow, AgeBand>
    {
        public static void Mapping(AgeRow row, AgeBand band) => band.IsSenior = row.Age >= 60;

        public override Action<AgeRow, AgeBand> GetMapping() => Mapping;
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
