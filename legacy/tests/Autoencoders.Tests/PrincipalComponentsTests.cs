using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class PrincipalComponentsTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ComponentsAreOrthonormalAndOrderedByVariance()
    {
        var pca = PrincipalComponents.Fit(FashionMnistSlice.TrainingRows(1000), rank: 10);

        for (var i = 0; i < 10; i++)
        for (var j = 0; j < 10; j++)
        {
            double dot = 0;
            for (var k = 0; k < 784; k++) dot += pca.Components[i * 784 + k] * pca.Components[j * 784 + k];
            Assert.Equal(i == j ? 1.0 : 0.0, dot, 4);
        }

        Assert.Equal(pca.Variances.OrderDescending(), pca.Variances);
    }

    [Fact]
    public void ProjectionVariancesMatchTheEigenvaluesAndTheMeanIsRemoved()
    {
        var data = FashionMnistSlice.TrainingRows(1000);
        var pca = PrincipalComponents.Fit(data, rank: 5);
        var projected = pca.Project(data);

        for (var component = 0; component < 5; component++)
        {
            var values = Enumerable.Range(0, data.Rows).Select(row => (double)projected.Row(row)[component]).ToArray();
            Assert.Equal(0, values.Average(), 3);
            var variance = values.Select(v => v * v).Sum() / (data.Rows - 1);
            Assert.Equal(pca.Variances[component], variance, pca.Variances[component] * 1e-3);
        }
    }

    [Fact]
    public void ProjectToPrincipalComponentsPassesTheWorkoutAndChecksRank()
    {
        var data = TestData.Images(_ml, 300);
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.ProjectToPrincipalComponents("Pca", "Features", rank: 8), data,
            (TestData.Tabular(_ml, 3), "Column 'Features' is not in the data"));
        Assert.Equal(new VectorDataViewType(8), transformer.Transform(data).Schema["Pca"].Type);

        var tabular = _ml.Transforms.Concatenate("Features", "Readings").Fit(TestData.Tabular(_ml, 10)).Transform(TestData.Tabular(_ml, 10));
        Assert.Equal("rank", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.ProjectToPrincipalComponents("Pca", "Features", rank: 4).Fit(tabular)).ParamName);
    }

    [Fact]
    public void ComponentsFromAStreamedPassMatchThoseFromMemoryEvenFarFromTheOrigin()
    {
        // 10,000 rows in three blocks, read once, 10,000 away from the origin with a spread near 1.
        var data = new CountingDataView(10_000, width: 4);
        var far = _ml.Transforms.CustomMapping<ImageLike, ImageLike>((source, target) => target.Features = source.Features.Select(v => v + 10_000f).ToArray())
            .Fit(data).Transform(data);
        var streamed = _ml.Transforms.ProjectToPrincipalComponents("Projected", "Features", rank: 2).Fit(far);
        Assert.Equal(10_000, data.RowsPulled);

        var inMemory = PrincipalComponents.Fit(new FeatureMatrix(_ml.Data.Cache(far).GetColumn<float[]>("Features").SelectMany(row => row).ToArray(), 4), rank: 2);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(inMemory.Variances[i], streamed.Components.Variances[i], 2);
            var alignment = Enumerable.Range(0, 4).Sum(k => inMemory.Components[i * 4 + k] * streamed.Components.Components[i * 4 + k]);
            Assert.Equal(1, Math.Abs(alignment), 4);
        }

        Assert.Equal(inMemory.Mean, streamed.Components.Mean);
    }

    private sealed class ImageLike
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }
}
