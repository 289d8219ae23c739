using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class SpecAndValidationTests
{
    [Fact]
    public void ValuesAreCheckedOncePerCallButAWeakerCheckDoesNotCountForAStricterOne()
    {
        var gap = new[] { 1f, float.NaN };
        Assert.Contains("has NaN at index 1", Assert.Throws<ArgumentException>(() => new FeatureMatrix(gap, 2).EnsureFinite()).Message);
        Assert.Contains("has NaN at index 1", Assert.Throws<ArgumentException>(() => new FeatureMatrix(gap, 2, checkedAllowingMissing: true).EnsureFinite()).Message);
        new FeatureMatrix(gap, 2, checkedAllowingMissing: true).EnsureFinite(allowMissing: true);

        // A matrix the library marked as checked is trusted: the engine skips the scan it would repeat.
        new FeatureMatrix(gap, 2, checkedAllowingMissing: false).EnsureFinite();
        Assert.True(new FeatureMatrix(gap, 2, checkedAllowingMissing: false).IsChecked(allowMissing: true));
        Assert.False(new FeatureMatrix(gap, 2).IsChecked(allowMissing: true));
    }

    [Fact]
    public void AnImageShapeWhoseSizeWrapsAroundInt32HoldsNoRowWidth()
    {
        // 65,536 x 65,537 = 2^32 + 65,536: a 32-bit product wraps to 65,536.
        var shape = new ImageShape(1, 65_536, 65_537);
        Assert.False(shape.Holds(65_536));
        Assert.Throws<OverflowException>(() => shape.Size);
        Assert.True(new ImageShape(3, 32, 32).Holds(3072));
    }

    [Theory]
    [InlineData(784, 16, 128)] // midpoint exponent 6.81 -> 2^7
    [InlineData(784, 32, 128)] // 7.31 -> 2^7
    [InlineData(784, 2, 32)]   // 5.31 -> 2^5
    [InlineData(100, 10, 32)]  // 5.0 -> 2^5
    public void ChoosesOneHiddenLayerAtTheLogMidpoint(int input, int latent, int expected)
    {
        Assert.Equal([expected], DenseAutoencoderSpec.DefaultHiddenWidths(input, latent));
        Assert.Equal([expected], new DenseAutoencoderSpec(input, latent).HiddenWidths);
    }

    [Fact]
    public void ChoosesNoHiddenLayerWhenNoPowerOfTwoFitsBetween()
    {
        Assert.Empty(DenseAutoencoderSpec.DefaultHiddenWidths(5, 4));
    }

    [Theory]
    [InlineData(0f, 1f, Activation.Sigmoid)]
    [InlineData(-1f, 0.5f, Activation.Tanh)]
    [InlineData(-3f, 2f, Activation.Identity)]
    public void PicksTheOutputActivationFromTheDataRange(float min, float max, Activation expected)
    {
        Assert.Equal(expected, DenseAutoencoderSpec.OutputActivationForRange(min, max));
    }

    [Fact]
    public void BuildsMirroredLayers()
    {
        var architecture = new DenseAutoencoderSpec(784, 32, hiddenWidths: [256], dropoutRate: 0.2f, batchNormalization: true)
            .ToArchitecture(Activation.Sigmoid);

        Assert.Equal(
            [new LinearLayer(784, 256), new BatchNormLayer(256), new ActivationLayer(Activation.ReLU), new DropoutLayer(0.2f), new LinearLayer(256, 32)],
            architecture.Encoder);
        Assert.Equal(
            [new LinearLayer(32, 256), new BatchNormLayer(256), new ActivationLayer(Activation.ReLU), new DropoutLayer(0.2f),
             new LinearLayer(256, 784), new ActivationLayer(Activation.Sigmoid)],
            architecture.Decoder);
        Assert.Equal(architecture.ToJson(), AutoencoderArchitecture.FromJson(architecture.ToJson()).ToJson());
    }

    [Theory]
    [InlineData(1, 1, "inputWidth")]
    [InlineData(784, 0, "latentWidth")]
    public void RejectsBadWidthsNamingTheParameter(int input, int latent, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new DenseAutoencoderSpec(input, latent));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void OverCompleteCodesAreForRegularizedAutoencodersOnly()
    {
        var data = Rows(40, 4);
        var plain = new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0 };
        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(plain).Fit(new DenseAutoencoderSpec(4, 6), data));
        Assert.Equal("latentWidth", error.ParamName);
        Assert.Contains("learn the identity", error.Message);

        var denoising = new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0, Noise = NoiseKind.Masking, NoiseLevel = 0.3f };
        using var model = new AutoencoderTrainer(denoising).Fit(new DenseAutoencoderSpec(4, 6), data).Model;
        Assert.Equal(6, model.LatentWidth);
    }

    [Fact]
    public void RejectsBadHiddenWidthsAndDropout()
    {
        Assert.Equal("hiddenWidths", Assert.ThrowsAny<ArgumentException>(() => new DenseAutoencoderSpec(784, 16, hiddenWidths: [128, 0])).ParamName);
        Assert.Equal("dropoutRate", Assert.ThrowsAny<ArgumentException>(() => new DenseAutoencoderSpec(784, 16, dropoutRate: 1f)).ParamName);
        Assert.Equal("activation", Assert.ThrowsAny<ArgumentException>(() => new DenseAutoencoderSpec(784, 16, activation: (Activation)99)).ParamName);
    }

    [Fact]
    public void RejectsLayersThatDoNotChain()
    {
        var error = Assert.Throws<ArgumentException>(() => new AutoencoderArchitecture(
            10, 4, [new LinearLayer(10, 6), new LinearLayer(5, 4)], [new LinearLayer(4, 10)]));
        Assert.Contains("encoder layer 1", error.Message);
        Assert.Contains("receives 6", error.Message);
    }

    [Theory]
    [InlineData(nameof(AutoencoderTrainingOptions.BatchSize))]
    [InlineData(nameof(AutoencoderTrainingOptions.Epochs))]
    [InlineData(nameof(AutoencoderTrainingOptions.LearningRate))]
    [InlineData(nameof(AutoencoderTrainingOptions.WeightDecay))]
    [InlineData(nameof(AutoencoderTrainingOptions.ValidationFraction))]
    [InlineData(nameof(AutoencoderTrainingOptions.EarlyStoppingPatience))]
    [InlineData(nameof(AutoencoderTrainingOptions.TrimFraction))]
    public void RejectsAbsurdOptionsNamingThem(string option)
    {
        var options = new AutoencoderTrainingOptions();
        switch (option)
        {
            case nameof(options.BatchSize): options.BatchSize = 0; break;
            case nameof(options.Epochs): options.Epochs = 0; break;
            case nameof(options.LearningRate): options.LearningRate = -0.1f; break;
            case nameof(options.WeightDecay): options.WeightDecay = float.NaN; break;
            case nameof(options.ValidationFraction): options.ValidationFraction = 1f; break;
            case nameof(options.EarlyStoppingPatience): options.EarlyStoppingPatience = -1; break;
            case nameof(options.TrimFraction): options.TrimFraction = 1f; break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), Rows(10, 4)));
        Assert.Equal(option, error.ParamName);
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void RejectsNaNNamingRowAndIndex()
    {
        var data = Rows(20, 4);
        data.Array[17 * 4 + 3] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer().Fit(new DenseAutoencoderSpec(4, 2), data));
        Assert.Contains("Row 17 of column 'Features' has NaN at index 3", error.Message);
    }

    [Fact]
    public void RejectsMismatchedWidthsOnFitAndInference()
    {
        var fitError = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer().Fit(new DenseAutoencoderSpec(5, 2), Rows(10, 4)));
        Assert.Contains("have 4 values but the autoencoder takes 5", fitError.Message);

        using var model = AutoencoderModel.Create(new DenseAutoencoderSpec(4, 2).ToArchitecture(), seed: 1);
        Assert.Contains("3 values but the model takes 4", Assert.Throws<ArgumentException>(() => model.Encode(Rows(2, 3))).Message);
        Assert.Throws<ArgumentException>(() => model.Encode(new float[7], new float[2]));
        Assert.Throws<ArgumentException>(() => model.Encode(new float[8], new float[3]));
    }

    [Fact]
    public void RejectsBinaryCrossEntropyOutsideTheUnitRange()
    {
        var data = Rows(10, 4);
        data.Array[5] = 2f;
        var options = new AutoencoderTrainingOptions { Loss = ReconstructionLoss.BinaryCrossEntropy, ValidationFraction = 0f };

        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), data));
        Assert.Equal(nameof(options.Loss), error.ParamName);
    }

    [Fact]
    public void RejectsAValidationSplitThatLeavesNoRows()
    {
        var options = new AutoencoderTrainingOptions { ValidationFraction = 0.1f };
        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), Rows(3, 4)));
        Assert.Equal(nameof(options.ValidationFraction), error.ParamName);
    }

    [Fact]
    public void UsingADisposedModelThrowsObjectDisposed()
    {
        var model = AutoencoderModel.Create(new DenseAutoencoderSpec(4, 2).ToArchitecture(), seed: 1);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Encode(Rows(1, 4)));
    }

    [Theory]
    [InlineData(1, 28, 28, 4, 7)]
    [InlineData(3, 64, 64, 4, 8)]
    [InlineData(3, 40, 72, 4, 5)]
    [InlineData(1, 256, 256, 6, 8)]
    public void DefaultConvolutionsShrinkAnyImageToAFewRowsBeforeTheCode(int channels, int height, int width, int convolutions, int smallerSide)
    {
        var defaults = ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(height, width);
        Assert.Equal(convolutions, defaults.Count);
        var side = Math.Min(height, width);
        foreach (var convolution in defaults) side = (side + 2 * convolution.Padding - convolution.Kernel) / convolution.Stride + 1;
        Assert.Equal(smallerSide, side);

        var spec = new ConvolutionalAutoencoderSpec(channels, height, width, latentWidth: 4);
        using var model = AutoencoderModel.Create(spec.ToArchitecture(), seed: 1);
        var rows = Rows(2, channels * height * width);
        Assert.Equal(rows.Columns, model.Reconstruct(rows).Columns);
    }

    internal static FeatureMatrix Rows(int rows, int columns)
    {
        var random = new Random(5);
        return new FeatureMatrix(Enumerable.Range(0, rows * columns).Select(_ => (float)random.NextDouble()).ToArray(), columns);
    }
}
