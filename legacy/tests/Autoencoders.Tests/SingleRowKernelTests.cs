using System.Text.Json.Nodes;
using Autoencoders.Trainers;
using Autoencoders.Trainers.Native;

namespace Autoencoders.Tests;

/// <summary>
/// A single row of a dense model goes through the shim's own fused kernel instead of libtorch;
/// it must give what the batch path gives for the same row, up to float rounding.
/// </summary>
public class SingleRowKernelTests
{
    private const int Rows = 40;

    public static TheoryData<string> DenseKinds() =>
    [
        "relu", "leaky-relu", "elu", "selu", "tanh", "sigmoid", "batch-norm", "dropout", "variational", "two-hidden-layers",
    ];

    [Theory]
    [MemberData(nameof(DenseKinds))]
    public void OneRowAtATimeAgreesWithTheBatch(string kind)
    {
        var training = FashionMnistSlice.TrainingRows(500);
        var spec = kind switch
        {
            "relu" => new DenseAutoencoderSpec(784, 16, [64]),
            "leaky-relu" => new DenseAutoencoderSpec(784, 16, [64], Activation.LeakyReLU),
            "elu" => new DenseAutoencoderSpec(784, 16, [64], Activation.ELU),
            "selu" => new DenseAutoencoderSpec(784, 16, [64], Activation.SELU),
            "tanh" => new DenseAutoencoderSpec(784, 16, [64], Activation.Tanh, outputActivation: Activation.Identity),
            "sigmoid" => new DenseAutoencoderSpec(784, 16, [64], Activation.Sigmoid, outputActivation: Activation.Sigmoid),
            "batch-norm" => new DenseAutoencoderSpec(784, 16, [64], batchNormalization: true),
            "dropout" => new DenseAutoencoderSpec(784, 16, [64], dropoutRate: 0.3f),
            "variational" => new DenseAutoencoderSpec(784, 8, [64], outputActivation: Activation.Sigmoid, variational: true),
            _ => new DenseAutoencoderSpec(784, 16, [128, 32]),
        };
        // Trained, so that batch norm's running statistics and the weights are far from their start.
        using var model = new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = 2, BatchSize = 50, ValidationFraction = 0f, Seed = 3 })
            .Fit(spec, training).Model;

        AssertSingleRowsAgreeWithBatch(model, FashionMnistSlice.Test.SelectRows(Enumerable.Range(0, Rows).ToArray()));
    }

    [Fact]
    public void WeightsChangedAfterTheFirstRowAreUsedForTheNext()
    {
        var training = FashionMnistSlice.TrainingRows(500);
        var test = FashionMnistSlice.Test.SelectRows(Enumerable.Range(0, Rows).ToArray());
        using var model = AutoencoderModel.Create(new DenseAutoencoderSpec(784, 16, [64], outputActivation: Activation.Sigmoid).ToArchitecture(), seed: 5);
        var before = new float[1];
        model.ComputeReconstructionErrors(test.Row(0), before);

        TrainOneEpochInPlace(model, training);

        AssertSingleRowsAgreeWithBatch(model, test);
        var after = new float[1];
        model.ComputeReconstructionErrors(test.Row(0), after);
        Assert.True(after[0] < before[0] * 0.9f, $"after training the row scores {after[0]}, before {before[0]}");
    }

    [Fact]
    public void ConvolutionalModelsTakeTheGeneralPathForSingleRows()
    {
        using var model = AutoencoderModel.Create(new ConvolutionalAutoencoderSpec(1, 28, 28, 8).ToArchitecture(), seed: 2);
        AssertSingleRowsAgreeWithBatch(model, FashionMnistSlice.Test.SelectRows(Enumerable.Range(0, 8).ToArray()));
    }

    private static void AssertSingleRowsAgreeWithBatch(AutoencoderModel model, FeatureMatrix rows)
    {
        var codes = model.Encode(rows);
        var reconstructions = model.Reconstruct(rows);
        var scores = model.ComputeReconstructionErrors(rows);
        var code = new float[model.LatentWidth];
        var reconstruction = new float[model.InputWidth];
        var score = new float[1];
        for (var row = 0; row < rows.Rows; row++)
        {
            model.Encode(rows.Row(row), code);
            model.Reconstruct(rows.Row(row), reconstruction);
            model.ComputeReconstructionErrors(rows.Row(row), score);
            AssertClose(codes.Row(row), code, $"code of row {row}");
            AssertClose(reconstructions.Row(row), reconstruction, $"reconstruction of row {row}");
            AssertClose([scores[row]], score, $"score of row {row}");
        }
    }

    // Float sums in another order: agreement to a few units in the last place of the largest value.
    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        var scale = 0f;
        foreach (var value in expected) scale = Math.Max(scale, Math.Abs(value));
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = 1e-5f * Math.Max(scale, 1e-3f);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}, value {i}: batch {expected[i]}, single row {actual[i]}");
        }
    }

    // One epoch through the native trainer on the model itself, changing its weights in place
    // after the single-row kernel has already read them.
    private static unsafe void TrainOneEpochInPlace(AutoencoderModel model, FeatureMatrix training)
    {
        var options = new JsonObject
        {
            ["learning_rate"] = 0.003, ["weight_decay"] = 0.0, ["batch_size"] = 50, ["loss"] = "mse", ["shuffle"] = true,
            ["drop_last"] = false, ["noise"] = "none", ["noise_level"] = 0.0,
        }.ToJsonString();
        NativeStatus.Check(TrainerNativeMethods.Create(model.Handle, options, out var trainer));
        using (trainer)
        {
            fixed (float* x = training.Values)
            {
                NativeStatus.Check(TrainerNativeMethods.RunEpoch(trainer, x, training.Rows, training.Columns, null, IntPtr.Zero, out _, out _, out _));
            }
        }
    }
}
