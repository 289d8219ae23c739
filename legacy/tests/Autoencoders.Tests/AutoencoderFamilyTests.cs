using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>Each autoencoder kind proves its defining property on a Fashion-MNIST slice.</summary>
public class AutoencoderFamilyTests
{
    private static FeatureMatrix Training => FashionMnistSlice.Training;

    private static FeatureMatrix Test => FashionMnistSlice.Test;

    private static AutoencoderModel Fit(DenseAutoencoderSpec spec, AutoencoderTrainingOptions options)
    {
        options.ValidationFraction = 0;
        options.Seed = 3;
        options.BatchSize = 64;
        return new AutoencoderTrainer(options).Fit(spec, Training).Model;
    }

    [Fact]
    public void VariationalCodeIsNearAStandardNormalAndPriorSamplesLookLikeTheData()
    {
        using var vae = Fit(new DenseAutoencoderSpec(784, 8, [256], variational: true), new AutoencoderTrainingOptions { Epochs = 20 });
        var (mean, logVariance) = vae.EncodeDistribution(Training);

        // The aggregate posterior: one draw of z = mean + sigma * eps per training row.
        var random = new Random(1);
        for (var dimension = 0; dimension < 8; dimension++)
        {
            var z = Enumerable.Range(0, Training.Rows).Select(row =>
                mean.Row(row)[dimension] + Math.Exp(0.5 * logVariance.Row(row)[dimension]) * StandardNormal(random)).ToArray();
            var average = z.Average();
            var variance = z.Select(v => (v - average) * (v - average)).Average();
            Assert.True(Math.Abs(average) < 0.2, $"dimension {dimension} has mean {average:F3}");
            Assert.InRange(variance, 0.5, 2.0);
        }

        var samples = vae.Sample(500, seed: 1);
        var sampleMean = samples.Values.ToArray().Average();
        var dataMean = Training.Values.ToArray().Average();
        Assert.InRange(sampleMean, 0.75 * dataMean, 1.25 * dataMean);
        Assert.InRange(samples.Values.ToArray().Min(), 0f, 1f);
        Assert.Equal(samples.Values.ToArray(), vae.Sample(500, seed: 1).Values.ToArray());
    }

    [Fact]
    public void NegativeElboScoresOtherDataHigher()
    {
        using var vae = Fit(new DenseAutoencoderSpec(784, 8, [256], variational: true), new AutoencoderTrainingOptions { Epochs = 10 });
        var noise = new Random(4);
        var random = new FeatureMatrix(Enumerable.Range(0, 100 * 784).Select(_ => (float)noise.NextDouble()).ToArray(), 784);

        Assert.True(vae.ComputeNegativeElbo(random).Average() > 2 * vae.ComputeNegativeElbo(Test).Average());
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var plain = AutoencoderModel.Create(new DenseAutoencoderSpec(784, 8).ToArchitecture(), 1);
            plain.ComputeNegativeElbo(Test);
        });
    }

    [Fact]
    public void AVariationalModelDivergingOnUnscaledValuesSaysToScaleThem()
    {
        // Readings in the hundreds of thousands, as a raw sensor table has them.
        var random = new Random(5);
        var readings = new FeatureMatrix(Enumerable.Range(0, 256 * 8).Select(_ => (float)(random.NextDouble() * 4e5)).ToArray(), 8);

        var error = Assert.Throws<InvalidOperationException>(() =>
            new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = 20, ValidationFraction = 0 }).Fit(new DenseAutoencoderSpec(8, 2, variational: true), readings));
        Assert.StartsWith("Training diverged in epoch ", error.Message);
        Assert.Contains("so scale them first (e.g. NormalizeMinMax or NormalizeMeanVariance).", error.Message);
    }

    [Fact]
    public void ContractivePenaltyShrinksTheJacobian()
    {
        using var plain = Fit(new DenseAutoencoderSpec(784, 16, [128]), new AutoencoderTrainingOptions { Epochs = 5 });
        using var contractive = Fit(new DenseAutoencoderSpec(784, 16, [128]), new AutoencoderTrainingOptions { Epochs = 5, ContractiveWeight = 0.1f });

        var plainNorm = plain.ComputeJacobianNorms(Test).Average();
        var contractiveNorm = contractive.ComputeJacobianNorms(Test).Average();
        Assert.True(contractiveNorm < 0.1 * plainNorm, $"||J||^2 plain {plainNorm:F3}, contractive {contractiveNorm:F3}");
    }

    [Fact]
    public void SparsityPenaltiesLeaveFewerActiveCodeUnits()
    {
        using var plain = Fit(new DenseAutoencoderSpec(784, 16, [128]), new AutoencoderTrainingOptions { Epochs = 5 });
        using var l1 = Fit(new DenseAutoencoderSpec(784, 16, [128]), new AutoencoderTrainingOptions { Epochs = 5, Sparsity = SparsityPenalty.L1, SparsityWeight = 0.01f });
        double Active(AutoencoderModel model) => model.Encode(Test).Values.ToArray().Count(v => Math.Abs(v) > 0.1) / (16.0 * Test.Rows);
        Assert.True(Active(l1) < 0.5 * Active(plain), $"active share plain {Active(plain):F3}, L1 {Active(l1):F3}");

        using var kl = Fit(new DenseAutoencoderSpec(784, 16, [128], latentActivation: Activation.Sigmoid),
            new AutoencoderTrainingOptions { Epochs = 5, Sparsity = SparsityPenalty.KullbackLeibler, SparsityWeight = 0.1f, SparsityTarget = 0.05f });
        Assert.InRange(kl.Encode(Test).Values.ToArray().Average(), 0.02, 0.1);
    }

    [Fact]
    public void KullbackLeiblerSparsityNeedsSigmoidCodeUnits()
    {
        var options = new AutoencoderTrainingOptions { Sparsity = SparsityPenalty.KullbackLeibler, ValidationFraction = 0 };
        var error = Assert.ThrowsAny<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 16), Training));
        Assert.Contains("Sigmoid", error.Message);
    }

    [Fact]
    public void ConvolutionalBeatsADenseAutoencoderOfSimilarSize()
    {
        var options = new AutoencoderTrainingOptions { Epochs = 4, BatchSize = 64, Seed = 3, ValidationFraction = 0 };
        using var conv = new AutoencoderTrainer(options).Fit(new ConvolutionalAutoencoderSpec(1, 28, 28, 16), Training).Model;
        using var dense = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 16, [256]), Training).Model;

        var convMse = conv.ComputeReconstructionErrors(Test).Average();
        var denseMse = dense.ComputeReconstructionErrors(Test).Average();
        Assert.True(convMse < denseMse, $"test MSE convolutional {convMse:F4}, dense {denseMse:F4}");
    }

    [Fact]
    public void ConvolutionalSpecTrimsBackToTheInputAndChecksTheImageShape()
    {
        // 29 x 29 shrinks to 8 x 8 (stride 2 twice) and grows back to 30 x 30: trimmed to 29.
        var architecture = new ConvolutionalAutoencoderSpec(1, 29, 29, 4, [new(8, 3, 2, 1), new(8, 3, 2, 1)]).ToArchitecture();
        Assert.Equal(new Resize2dLayer(29, 29), architecture.Decoder[^3]);
        Assert.Equal(29 * 29, architecture.InputWidth);

        Assert.Equal("convolutions", Assert.Throws<ArgumentException>(() => new ConvolutionalAutoencoderSpec(1, 4, 4, 2, [new(8, 5, 1, 0)])).ParamName);
        var wrongWidth = Assert.Throws<ArgumentException>(() =>
            new AutoencoderTrainer().Fit(new ConvolutionalAutoencoderSpec(1, 27, 27, 4), Training));
        Assert.Contains("784 values but the autoencoder takes 729", wrongWidth.Message);
    }

    [Fact]
    public void ConvolutionalAndVariationalModelsSaveAndLoadExactly()
    {
        var options = new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0 };
        using var conv = new AutoencoderTrainer(options).Fit(new ConvolutionalAutoencoderSpec(1, 28, 28, 8, maxPooling: true), FashionMnistSlice.TrainingRows(200)).Model;
        using var vae = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 4, variational: true), FashionMnistSlice.TrainingRows(200)).Model;
        foreach (var model in new[] { conv, vae })
        {
            var path = Path.Combine(Path.GetTempPath(), $"family-{Guid.NewGuid():N}.pt");
            try
            {
                model.Save(path);
                using var loaded = AutoencoderModel.Load(path);
                Assert.Equal(model.Architecture.ToJson(), loaded.Architecture.ToJson());
                Assert.Equal(model.Reconstruct(Test).Values.ToArray(), loaded.Reconstruct(Test).Values.ToArray());
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void InterpolationRunsFromOneRowToTheOther()
    {
        using var model = Fit(new DenseAutoencoderSpec(784, 8, [128]), new AutoencoderTrainingOptions { Epochs = 3 });
        var path = model.Interpolate(Test.Row(0), Test.Row(1), steps: 5);

        // The ends are the two rows' reconstructions (up to float rounding, which varies with batch size).
        Assert.Equal(5, path.Rows);
        Assert.All(model.Reconstruct(Test.SelectRows([0])).Values.ToArray().Zip(path.Row(0).ToArray()), pair => Assert.Equal(pair.First, pair.Second, 1e-5f));
        Assert.All(model.Reconstruct(Test.SelectRows([1])).Values.ToArray().Zip(path.Row(4).ToArray()), pair => Assert.Equal(pair.First, pair.Second, 1e-5f));
        Assert.NotEqual(path.Row(0).ToArray(), path.Row(2).ToArray());
    }

    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
