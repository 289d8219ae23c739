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

    [Fact]
    public void RotationNoiseTeachesTheModelToTurnImagesUpright()
    {
        var turned = QuarterTurn(FashionMnistSlice.Test, 28);
        double UprightMinusTurnedError(NoiseKind noise)
        {
            var options = new AutoencoderTrainingOptions { Epochs = 10, BatchSize = 64, Seed = 2, ValidationFraction = 0f, Noise = noise, ImageShape = new ImageShape(1, 28, 28) };
            using var model = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 32, [256]), FashionMnistSlice.Training).Model;
            var output = model.Reconstruct(turned);
            return MeanSquaredError(output, FashionMnistSlice.Test) - MeanSquaredError(output, turned);
        }

        var rotation = UprightMinusTurnedError(NoiseKind.Rotation);
        var plain = UprightMinusTurnedError(NoiseKind.None);
        Assert.True(rotation < 0 && plain > 0, $"error to the upright image minus error to the turned input: rotation-trained {rotation:F4}, plain {plain:F4}");
    }

    [Fact]
    public void RotationNoiseTurnsEachImageOfEveryChannelByAWholeNumberOfQuarterTurns()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var shape = new ImageShape(2, 3, 3);
        using var objective = new TrainingObjective(new AutoencoderTrainingOptions { Noise = NoiseKind.Rotation, ImageShape = shape });
        var input = TorchSharp.torch.randn(64, shape.Size);
        var images = input.reshape(64, 2, 3, 3);
        var turned = objective.Corrupt(input, new TorchSharp.torch.Generator(5)).reshape(64, 2, 3, 3);

        var turnsSeen = new HashSet<int>();
        for (var row = 0; row < 64; row++)
        {
            var turns = Enumerable.Range(0, 4).Where(k => turned[row].eq(images[row].rot90(k, (1, 2))).all().item<bool>()).ToList();
            Assert.True(turns.Count == 1, $"row {row} is not one rotation of its image");
            turnsSeen.Add(turns[0]);
        }

        Assert.Equal(4, turnsSeen.Count);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(3, 3)]
    public void RotationNeedsASquareImageShapeOfTheRowWidth(int height, int width)
    {
        var options = new AutoencoderTrainingOptions { Noise = NoiseKind.Rotation, ValidationFraction = 0f, ImageShape = height == 0 ? null : new ImageShape(1, height, width) };
        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), SpecAndValidationTests.Rows(10, 4)));
        Assert.Equal(nameof(options.ImageShape), error.ParamName);

        options.ImageShape = new ImageShape(1, 2, 2);
        using var model = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), SpecAndValidationTests.Rows(10, 4)).Model;
    }

    private static double MeanSquaredError(FeatureMatrix a, FeatureMatrix b)
    {
        double squared = 0;
        for (var i = 0; i < a.Values.Length; i++) squared += Math.Pow(a.Values[i] - b.Values[i], 2);
        return squared / a.Values.Length;
    }

    /// <summary>Peak signal-to-noise ratio for values in [0, 1]: 10 log10(1 / MSE).</summary>
    private static double Psnr(FeatureMatrix reference, FeatureMatrix image)
    {
        return 10 * Math.Log10(1 / MeanSquaredError(reference, image));
    }

    /// <summary>Each square image turned a quarter counterclockwise: output (y, x) is input (x, side - 1 - y).</summary>
    private static FeatureMatrix QuarterTurn(FeatureMatrix images, int side)
    {
        var turned = new float[images.Values.Length];
        for (var row = 0; row < images.Rows; row++)
        {
            var image = images.Row(row);
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    turned[row * side * side + y * side + x] = image[x * side + side - 1 - y];
                }
            }
        }

        return new FeatureMatrix(turned, side * side);
    }
}
