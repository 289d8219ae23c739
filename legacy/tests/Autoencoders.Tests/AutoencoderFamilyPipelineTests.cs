using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>The autoencoder kinds through the pipeline layer's options.</summary>
public class AutoencoderFamilyPipelineTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ConvolutionalEmbeddingPassesTheWorkoutAndChecksTheImageShape()
    {
        var data = TestData.Images(_ml, 200);
        var options = new AutoencoderTransformOptions
        {
            OutputColumnName = "Embedding", InputColumnName = "Features", ImageShape = new ImageShape(1, 28, 28),
            Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutions, LatentDimension = 8, Epochs = 1,
        };
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.AutoencoderEmbed(options), data);
        Assert.Contains(transformer.Model.Architecture.Encoder, layer => layer is Conv2dLayer);

        options.ImageShape = new ImageShape(1, 27, 28);
        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.AutoencoderEmbed(options).Fit(data));
        Assert.Equal("ImageShape", error.ParamName);
        Assert.Contains("holds 756 values but the input column has 784", error.Message);

        options.ImageShape = null;
        error = Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.AutoencoderEmbed(options).Fit(data));
        Assert.Equal("ImageShape", error.ParamName);
    }

    [Fact]
    public void DenoiseOutputsCleanedRowsAndPassesTheWorkout()
    {
        var data = TestData.Images(_ml, 300);
        var transformer = EstimatorWorkout.Run(_ml, _ml.Transforms.AutoencoderDenoise("Clean", "Features", NoiseKind.Salt, 0.3f, latentDimension: 32, epochs: 3), data);
        Assert.Equal(new VectorDataViewType(784), transformer.Transform(data).Schema["Clean"].Type);
        Assert.Equal(AutoencoderTransformer.OutputKind.Reconstruction, transformer.Output);
    }

    [Fact]
    public void VariationalDetectorScoresByNegativeElboAndPassesTheWorkout()
    {
        var data = TestData.Images(_ml, 300);
        var options = new AutoencoderAnomalyDetectionOptions { Variational = true, Score = AnomalyScore.NegativeElbo, LatentDimension = 4, Epochs = 3 };
        var detector = EstimatorWorkout.Run(_ml, _ml.AnomalyDetection.Trainers.Autoencoder(options), data);

        var scores = detector.Transform(data).GetColumn<float>("Score").ToArray();
        Assert.Equal(detector.Model.ComputeNegativeElbo(FashionMnistSlice.TrainingRows(300), detector.ElboSamples, 0), scores);

        var notVariational = new AutoencoderAnomalyDetectionOptions { Score = AnomalyScore.NegativeElbo };
        Assert.Equal("Score", Assert.ThrowsAny<ArgumentException>(() => _ml.AnomalyDetection.Trainers.Autoencoder(notVariational)).ParamName);
    }
}
