using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class DenseAutoencoderTests
{
    private static AutoencoderTrainingOptions QuickOptions(int seed = 7) => new()
    {
        Epochs = 5,
        BatchSize = 64,
        Seed = seed,
        ValidationFraction = 0f,
    };

    [Fact]
    public void LearnsFashionMnistFarBetterThanTheMeanImage()
    {
        var training = FashionMnistSlice.Training;
        var test = FashionMnistSlice.Test;
        var spec = new DenseAutoencoderSpec(784, 32);

        var options = QuickOptions();
        options.Epochs = 20;
        using var model = new AutoencoderTrainer(options).Fit(spec, training).Model;
        var autoencoderMse = model.ComputeReconstructionErrors(test).Average();

        var mean = new float[784];
        for (var r = 0; r < training.Rows; r++)
        {
            var row = training.Row(r);
            for (var c = 0; c < 784; c++) mean[c] += row[c] / training.Rows;
        }

        double meanImageMse = 0;
        for (var r = 0; r < test.Rows; r++)
        {
            var row = test.Row(r);
            for (var c = 0; c < 784; c++) meanImageMse += Math.Pow(row[c] - mean[c], 2) / (784.0 * test.Rows);
        }

        // Predicting the mean image gives 0.087 on this slice; 20 epochs reach about 0.021 on the
        // unseen images. The bar: at most 30% of the mean-image error.
        Assert.True(autoencoderMse < 0.3 * meanImageMse,
            $"test MSE {autoencoderMse:F4} is not below 30% of the mean-image MSE {meanImageMse:F4}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelAndAnotherSeedDoesNot()
    {
        var data = FashionMnistSlice.TrainingRows(500);
        var spec = new DenseAutoencoderSpec(784, 16);
        var probe = FashionMnistSlice.Test.SelectRows([0, 1, 2, 3]);

        using var first = new AutoencoderTrainer(QuickOptions(seed: 11)).Fit(spec, data).Model;
        using var second = new AutoencoderTrainer(QuickOptions(seed: 11)).Fit(spec, data).Model;
        using var other = new AutoencoderTrainer(QuickOptions(seed: 12)).Fit(spec, data).Model;

        Assert.Equal(first.Encode(probe).Values.ToArray(), second.Encode(probe).Values.ToArray());
        Assert.NotEqual(first.Encode(probe).Values.ToArray(), other.Encode(probe).Values.ToArray());
    }

    [Fact]
    public void SaveThenLoadGivesBitIdenticalOutputs()
    {
        var data = FashionMnistSlice.TrainingRows(300);
        var spec = new DenseAutoencoderSpec(784, 16, hiddenWidths: [64], dropoutRate: 0.1f, batchNormalization: true);
        using var model = new AutoencoderTrainer(QuickOptions()).Fit(spec, data).Model;
        var path = Path.Combine(Path.GetTempPath(), $"dense-{Guid.NewGuid():N}.pt");
        try
        {
            model.Save(path);
            using var loaded = AutoencoderModel.Load(path);

            Assert.Equal(model.Architecture.ToJson(), loaded.Architecture.ToJson());
            Assert.Equal(model.Encode(FashionMnistSlice.Test).Values.ToArray(), loaded.Encode(FashionMnistSlice.Test).Values.ToArray());
            Assert.Equal(model.Reconstruct(FashionMnistSlice.Test).Values.ToArray(), loaded.Reconstruct(FashionMnistSlice.Test).Values.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EarlyStoppingKeepsTheWeightsOfTheBestEpoch()
    {
        // 100 rows, a wide model and a high learning rate: the validation loss bottoms out early.
        var data = FashionMnistSlice.TrainingRows(100);
        var spec = new DenseAutoencoderSpec(784, 32, hiddenWidths: [512]);
        var options = new AutoencoderTrainingOptions
        {
            Epochs = 40, BatchSize = 16, LearningRate = 0.01f, Seed = 3, ValidationFraction = 0.3f, EarlyStoppingPatience = 3,
        };

        var result = new AutoencoderTrainer(options).Fit(spec, data);
        using var model = result.Model;

        var validationLosses = result.History.Select(epoch => epoch.ValidationLoss!.Value).ToArray();
        Assert.True(result.StoppedEarly, "validation loss kept improving, so this setup no longer exercises early stopping");
        Assert.Equal(Array.IndexOf(validationLosses, validationLosses.Min()) + 1, result.BestEpoch);
        Assert.Equal(result.BestEpoch + options.EarlyStoppingPatience, result.History.Count);

        // Training is deterministic, so a run that simply stops at the best epoch has the same weights.
        options.Epochs = result.BestEpoch;
        options.EarlyStoppingPatience = 0;
        using var reference = new AutoencoderTrainer(options).Fit(spec, data).Model;
        Assert.Equal(reference.Encode(FashionMnistSlice.Test).Values.ToArray(), model.Encode(FashionMnistSlice.Test).Values.ToArray());
    }

    [Fact]
    public void ReportsEveryEpochWithElapsedTime()
    {
        var reports = new List<EpochProgress>();
        var options = QuickOptions();
        options.Epochs = 3;
        options.ValidationFraction = 0.2f;
        options.Progress = new SynchronousProgress<EpochProgress>(reports.Add);

        using var model = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 16), FashionMnistSlice.TrainingRows(200)).Model;

        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.True(r.TrainingLoss > 0 && r.ValidationLoss > 0 && r.Elapsed > TimeSpan.Zero));
        Assert.True(reports[2].Elapsed > reports[0].Elapsed);
    }

    [Fact]
    public void AnInMemorySplitValidatesOnTheRowsSplitValidationHoldsOutAndLeavesTheMatrixAlone()
    {
        // More training rows than one chunk holds, so the training side is read in several gathered chunks.
        var random = new Random(4);
        var data = new FeatureMatrix(Enumerable.Range(0, 6000 * 12).Select(_ => random.NextSingle()).ToArray(), 12);
        var before = data.Values.ToArray();
        var options = new AutoencoderTrainingOptions { Epochs = 2, BatchSize = 64, Seed = 5, ValidationFraction = 0.25f, EarlyStoppingPatience = 0 };
        var trainer = new AutoencoderTrainer(options);

        var result = trainer.Fit(new DenseAutoencoderSpec(12, 4), data);
        using var model = result.Model;

        Assert.Equal(result.History.Count, result.BestEpoch);
        var (_, validation) = trainer.SplitValidation(data);
        var expected = model.ComputeReconstructionErrors(validation!).Average();
        Assert.Equal(expected, result.History[^1].ValidationLoss!.Value, expected * 1e-5f);
        Assert.True(result.History[^1].TrainingLoss < result.History[0].TrainingLoss);
        Assert.Equal(before, data.Values.ToArray());
    }
}
