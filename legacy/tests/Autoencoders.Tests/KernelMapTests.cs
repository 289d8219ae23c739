using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Trainers.Native;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

public class KernelMapTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ApproximatedKernelMapPassesTheWorkoutWithEitherBasis()
    {
        var data = TestData.Images(_ml, 200);
        foreach (var (cosAndSin, width) in new[] { (false, 300), (true, 600) })
        {
            var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.ApproximatedKernelMap("Kernel", "Features", rank: 300, useCosAndSinBases: cosAndSin), data,
                (TestData.Tabular(_ml, 3), "Column 'Features' is not in the data"));
            Assert.Equal(new VectorDataViewType(width), transformer.Transform(data).Schema["Kernel"].Type);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void InnerProductsOfTheMappedRowsApproximateTheKernelAtTheMedianDistancesScale(bool cosAndSin, bool laplacian)
    {
        // 60 rows: every pair enters the median, so it can be computed here the same way.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 5).Select(_ => (float)(random.NextDouble() * 4)).ToArray()).ToArray();
        var pairs = (from i in Enumerable.Range(0, 60) from j in Enumerable.Range(i + 1, 59 - i) select (i, j)).ToList();
        double Distance(int i, int j) => rows[i].Zip(rows[j], (a, b) => laplacian ? Math.Abs(a - b) : (double)(a - b) * (a - b)).Sum();
        var sorted = pairs.Select(pair => Distance(pair.i, pair.j)).Order().ToList();
        var median = (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

        const float parameter = 2;
        var map = RandomFourierFeatures.Fit(new FeatureMatrix(rows.SelectMany(row => row).ToArray(), 5),
            laplacian ? ShiftInvariantKernel.Laplacian : ShiftInvariantKernel.Gaussian, parameter, rank: 20_000, cosAndSin, seed: 4);
        var mapped = map.Map(new FeatureMatrix(rows.SelectMany(row => row).ToArray(), 5));

        var errors = pairs.Select(pair =>
        {
            var exact = Math.Exp(-parameter * Distance(pair.i, pair.j) / median);
            var approximate = Dot(mapped.Row(pair.i), mapped.Row(pair.j));
            return Math.Abs(exact - approximate);
        }).ToList();
        Assert.True(errors.Average() < 0.01, $"mean |kernel - inner product| {errors.Average():F4}");
        for (var row = 0; row < 60; row++)
        {
            Assert.Equal(1, Dot(mapped.Row(row), mapped.Row(row)), cosAndSin ? 1e-4 : 0.05);
        }
    }

    private static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += (double)x[i] * y[i];
        return sum;
    }

    [Fact]
    public void TheKernelsWidthFollowsTheDataSoRescaledRowsMapAlike()
    {
        var data = TestData.Images(_ml, 100);
        var scaled = _ml.Transforms.CustomMapping<ImageRow, ScaledRow>((source, target) => target.Scaled = source.Features.Select(v => v * 1000).ToArray()).Fit(data).Transform(data);
        var original = _ml.Transforms.ApproximatedKernelMap("Kernel", "Features", rank: 50, seed: 9).Fit(data).Transform(data).GetColumn<float[]>("Kernel").ToArray();
        var rescaled = _ml.Transforms.ApproximatedKernelMap("Kernel", "Scaled", rank: 50, seed: 9).Fit(scaled).Transform(scaled).GetColumn<float[]>("Kernel").ToArray();
        for (var row = 0; row < original.Length; row++)
        {
            for (var i = 0; i < 50; i++) Assert.Equal(original[row][i], rescaled[row][i], 2e-3f);
        }
    }

    private sealed class ScaledRow
    {
        [VectorType(784)]
        public float[] Scaled { get; set; } = [];
    }

    [Fact]
    public void ALinearClassifierOnTheMapSeparatesRingsThatNoLineCan()
    {
        // An inner disc against a ring around it: no line separates them, a Gaussian kernel does.
        var random = new Random(2);
        var rows = Enumerable.Range(0, 600).Select(i =>
        {
            var (radius, angle) = (i % 2 == 0 ? random.NextSingle() : 2 + random.NextSingle(), random.NextSingle() * 2 * MathF.PI);
            return new PointRow { Point = [radius * MathF.Cos(angle), radius * MathF.Sin(angle)], Label = i % 2 == 0 };
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        double Accuracy(IEstimator<ITransformer> features, string column)
        {
            var model = features.Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: column)).Fit(data);
            return _ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy;
        }

        Assert.True(Accuracy(_ml.Transforms.Concatenate("Features", "Point"), "Features") < 0.7);
        Assert.True(Accuracy(_ml.Transforms.ApproximatedKernelMap("Kernel", "Point", rank: 200), "Kernel") > 0.97);
    }

    private sealed class PointRow
    {
        [VectorType(2)]
        public float[] Point { get; set; } = [];

        public bool Label { get; set; }
    }

    [Fact]
    public void BadSettingsAndRowsAreRefusedWithTheirNames()
    {
        var data = TestData.Images(_ml, 20);
        Assert.Equal("rank", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.ApproximatedKernelMap("Kernel", "Features", rank: 0)).ParamName);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => new GaussianKernel(0)).ParamName);
        Assert.Equal("a", Assert.ThrowsAny<ArgumentException>(() => new LaplacianKernel(float.NaN)).ParamName);
        Assert.Equal("kernel", Assert.ThrowsAny<ArgumentException>(() =>
            RandomFourierFeatures.Fit(new FeatureMatrix([1f, 2f], 2), (ShiftInvariantKernel)7, 1, rank: 10, cosineAndSine: false, seed: 1)).ParamName);

        var gappy = _ml.Data.LoadFromEnumerable(new[] { new PointRow { Point = [1, 2] }, new PointRow { Point = [float.NaN, 0] } });
        Assert.Contains("Point", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.ApproximatedKernelMap("Kernel", "Point").Fit(gappy)).Message);
        var empty = _ml.Data.TakeRows(data, 0);
        Assert.Contains("no rows", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.ApproximatedKernelMap("Kernel", "Features").Fit(empty)).Message);
    }

    [Fact]
    public unsafe void TheNativeMapRefusesBadArgumentsWithAMessage()
    {
        TorchRuntime.EnsureInitialized();
        var values = new float[8];
        fixed (float* v = values)
        {
            string Refusal(int status) => Assert.Throws<AutoencoderNativeException>(() => NativeStatus.Check(status)).NativeMessage;
            Assert.Contains("frequencies is null", Refusal(KernelNativeMethods.RandomFourierFeatures(null, v, 2, v, 2, 2, v)));
            Assert.Contains("rank", Refusal(KernelNativeMethods.RandomFourierFeatures(v, v, 0, v, 2, 2, v)));
            Assert.Contains("out is null", Refusal(KernelNativeMethods.RandomFourierFeatures(v, v, 2, v, 2, 2, null)));
        }
    }
}
