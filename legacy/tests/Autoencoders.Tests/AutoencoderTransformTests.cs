using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

public class AutoencoderTransformTests
{
    private readonly MLContext _ml = new(seed: 1);

    private AutoencoderTransformOptions Options(string output, string input) => new()
    {
        OutputColumnName = output, InputColumnName = input, LatentDimension = 8, Epochs = 3, BatchSize = 64,
    };

    [Fact]
    public void EmbedOutputsTheCodeAndPassesTheWorkout()
    {
        var data = TestData.Images(_ml, 300);
        var wrongWidth = _ml.Data.LoadFromEnumerable(new[] { new TabularRow { Readings = [1, 2, 3] } });
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.AutoencoderEmbed(Options("Embedding", "Features")), data,
            (wrongWidth, "Column 'Features' is not in the data"));

        var output = transformer.Transform(data);
        Assert.Equal(new VectorDataViewType(8), output.Schema["Embedding"].Type);
        Assert.Equal(3, transformer.TrainingHistory.Count);
        var codes = output.GetColumn<float[]>("Embedding").SelectMany(code => code).ToArray();
        Assert.Equal(transformer.Model.Encode(FashionMnistSlice.TrainingRows(300)).Values.ToArray(), codes);
    }

    [Fact]
    public void ReconstructOutputsTheInputWidthAndRejectsAnotherWidthAfterFitting()
    {
        var data = TestData.Images(_ml, 200);
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.AutoencoderReconstruct(Options("Reconstruction", "Features")), data);
        Assert.Equal(new VectorDataViewType(784), transformer.Transform(data).Schema["Reconstruction"].Type);

        var narrower = _ml.Transforms.Concatenate("Features", "Readings").Fit(TestData.Tabular(_ml, 3)).Transform(TestData.Tabular(_ml, 3));
        var error = Assert.Throws<ArgumentException>(() => transformer.Transform(narrower));
        Assert.Contains("Column 'Features' has 3 values per row but the transform was fitted on 784", error.Message);
    }

    [Fact]
    public void RejectsAbsurdOptionsNamingThem()
    {
        var data = TestData.Images(_ml, 50);
        var tooWide = Options("E", "Features");
        tooWide.LatentDimension = 784;
        var wideError = Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.AutoencoderEmbed(tooWide).Fit(data));
        Assert.Equal("LatentDimension", wideError.ParamName);
        Assert.Contains("or a variational model", wideError.Message);

        var badBatch = Options("E", "Features");
        badBatch.BatchSize = 0;
        Assert.Contains("BatchSize", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.AutoencoderEmbed(badBatch).Fit(data)).Message);

        Assert.Equal("OutputColumnName", Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.AutoencoderEmbed(Options(" ", "Features"))).ParamName);
    }

    [Fact]
    public void APipelineAcceptsAVariationalCodeWiderThanTheInputAsTheTrainerDoes()
    {
        var data = _ml.Transforms.Concatenate("Features", "Readings").Fit(TestData.Tabular(_ml, 64)).Transform(TestData.Tabular(_ml, 64));
        var options = Options("Code", "Features");
        (options.LatentDimension, options.Variational, options.Epochs) = (4, true, 1);
        using var transformer = _ml.Transforms.AutoencoderEmbed(options).Fit(data);
        Assert.Equal(new VectorDataViewType(4), transformer.Transform(data).Schema["Code"].Type);
    }

    [Fact]
    public void ConcatenateNormalizeEmbedPipelineRoundTripsThroughSaveAndLoad()
    {
        var data = TestData.Tabular(_ml, 400);
        var pipeline = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings")
            .Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Append(_ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
            {
                OutputColumnName = "Embedding", InputColumnName = "Features", LatentDimension = 2, Epochs = 5, BatchSize = 32,
            }));

        using var model = pipeline.Fit(data);
        var path = Path.Combine(Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}.zip");
        try
        {
            _ml.Model.Save(model, data.Schema, path);
            var loaded = new MLContext().Model.Load(path, out var schema);
            Assert.True(schema.HasSameColumns(data.Schema));
            EstimatorWorkout.AssertSameOutputs(model.Transform(data), loaded.Transform(data));
            Assert.Equal(new VectorDataViewType(2), loaded.GetOutputSchema(schema)["Embedding"].Type);
            (loaded as IDisposable)?.Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheContextSeedMakesPipelinesReproducible()
    {
        float[] Fit(int seed)
        {
            var ml = new MLContext(seed);
            var data = TestData.Images(ml, 200);
            using var transformer = ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 4, epochs: 2).Fit(data);
            var output = transformer.Transform(data);
            return output.GetColumn<float[]>("Embedding").SelectMany(code => code).ToArray();
        }

        Assert.Equal(Fit(5), Fit(5));
        Assert.NotEqual(Fit(5), Fit(6));
    }
}
