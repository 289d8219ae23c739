using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class DenoisingTests
{
    [Fact]
    public void RaisesThePsnrOfSaltCorruptedImagesByAtLeast3Decibels()
    {
        var options = new AutoencoderTrainingOptions { Epochs = 15, BatchSize = 64, Seed = 2, ValidationFraction = 0f, Noise = NoiseKind.Salt, NoiseLevel = 0.3f };
        using var model = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 64, [256]), FashionMnistSlice.Training).Model;

        var clean = FashionMnistSlice.Test;
        var random = new Random(3);
        var noisy = new FeatureMatrix(clean.Values.ToArray().Select(v => random.NextDouble() < 0.3 ? 1f : v).ToArray(), clean.Columns);
        var denoised = model.Reconstruct(noisy);

        var noisyPsnr = Psnr(clean, noisy);
        var denoisedPsnr = Psnr(clean, denoised);
        Assert.True(denoisedPsnr >= noisyPsnr + 3, $"PSNR noisy {noisyPsnr:F2} dB, denoised {denoisedPsnr:F2} dB");
    }

    [Theory]
    [InlineData(NoiseKind.Salt, 1.5f)]
    [InlineData(NoiseKind.Masking, 0f)]
    [InlineData(NoiseKind.Gaussian, -1f)]
    public void RejectsNoiseLevelsOutsideTheirRange(NoiseKind kind, float level)
    {
        var options = new AutoencoderTrainingOptions { Noise = kind, NoiseLevel = level, ValidationFraction = 0f };
        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), SpecAndValidationTests.Rows(10, 4)));
        Assert.Equal(nameof(options.NoiseLevel), error.ParamName);
    }

    /// <summary>Peak signal-to-noise ratio for values in [0, 1]: 10 log10(1 / MSE).</summary>
    private static double Psnr(FeatureMatrix reference, FeatureMatrix image)
    {
        double squared = 0;
        for (var i = 0; i < reference.Values.Length; i++) squared += Math.Pow(reference.Values[i] - image.Values[i], 2);
        return 10 * Math.Log10(reference.Values.Length / squared);
    }
}
