using System.Diagnostics;

namespace Autoencoders.Tests;

public class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ResumingAfterTheProcessIsKilledReachesTheSameFinalModel()
    {
        var reference = new AutoencoderTrainer(CheckpointedRun.Options(Path.Combine(_directory, "reference.ckpt"))).Fit(CheckpointedRun.Spec, CheckpointedRun.Data());
        using var referenceModel = reference.Model;

        // A real training process, killed with SIGKILL as it goes on from epoch 3 of 8: it waits for an
        // answer after each epoch, so however slow this side is, it is killed in epoch 4 or just after it.
        var checkpoint = Path.Combine(_directory, "killed.ckpt");
        var worker = Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [worker, "checkpointed", checkpoint])
        {
            RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false,
        })!;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            process.StandardInput.WriteLine("next");
            process.StandardInput.Flush();
            if (line == "epoch 3")
            {
                break;
            }
        }

        Assert.Equal("epoch 3", line);
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.NotEqual(0, process.ExitCode);

        // At most one interval (one epoch) is lost: the checkpoint holds epoch 3 or 4 of 8.
        var savedEpochs = CheckpointEpochs(checkpoint);
        Assert.InRange(savedEpochs, 3, 4);

        var resumed = new AutoencoderTrainer(CheckpointedRun.Options(checkpoint)).Fit(CheckpointedRun.Spec, CheckpointedRun.Data());
        using var resumedModel = resumed.Model;

        // Training is deterministic and the checkpoint restores every random stream, so the resumed
        // run matches the uninterrupted one exactly (the tolerance would admit 1e-6 relative).
        Assert.Equal(8, resumed.History.Count);
        Assert.Equal(reference.History[^1].TrainingLoss, resumed.History[^1].TrainingLoss, reference.History[^1].TrainingLoss * 1e-6f);
        Assert.Equal(reference.History[^1].ValidationLoss!.Value, resumed.History[^1].ValidationLoss!.Value, reference.History[^1].ValidationLoss!.Value * 1e-6f);
        Assert.Equal(reference.BestEpoch, resumed.BestEpoch);
        var probe = FashionMnistSlice.Test;
        Assert.All(referenceModel.Encode(probe).Values.ToArray().Zip(resumedModel.Encode(probe).Values.ToArray()), pair => Assert.Equal(pair.First, pair.Second, 1e-5f));
    }

    [Fact]
    public void AFinishedCheckpointResumesToTheSameModelWithoutTraining()
    {
        var path = Path.Combine(_directory, "done.ckpt");
        var options = new AutoencoderTrainingOptions { Epochs = 3, BatchSize = 64, ValidationFraction = 0.2f, CheckpointPath = path };
        var first = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(500));
        using var firstModel = first.Model;

        var batches = 0;
        options.BatchProgress = new SynchronousProgress<BatchProgress>(_ => batches++);
        var again = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(500));
        using var againModel = again.Model;

        Assert.Equal(0, batches);
        Assert.Equal(first.History.Select(e => e.TrainingLoss), again.History.Select(e => e.TrainingLoss));
        Assert.Equal(firstModel.Encode(FashionMnistSlice.Test).Values.ToArray(), againModel.Encode(FashionMnistSlice.Test).Values.ToArray());
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefused()
    {
        var path = Path.Combine(_directory, "other.ckpt");
        var options = new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0, CheckpointPath = path };
        new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)).Model.Dispose();

        var error = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 16), FashionMnistSlice.TrainingRows(100)));
        Assert.Equal(nameof(options.CheckpointPath), error.ParamName);
        Assert.Contains("another training run", error.Message);

        // The same architecture, but its rows turned as other images.
        File.Delete(path);
        options.Noise = NoiseKind.Rotation;
        options.ImageShape = new ImageShape(1, 28, 28);
        new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)).Model.Dispose();
        options.ImageShape = new ImageShape(4, 14, 14);
        error = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)));
        Assert.Equal(nameof(options.CheckpointPath), error.ParamName);
    }

    [Fact]
    public void ADamagedCheckpointIsRefusedSayingWhatToDo()
    {
        var path = Path.Combine(_directory, "damaged.ckpt");
        var options = new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0, CheckpointPath = path };
        new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)).Model.Dispose();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)));
        Assert.StartsWith($"The checkpoint '{path}' is damaged or is not a checkpoint (", error.Message);
        Assert.Contains("checksum mismatch", error.Message);
        Assert.EndsWith("Delete it to train from the start, or set CheckpointPath to another file.", error.Message);
    }

    [Fact]
    public void ACheckpointOfAnotherFormatVersionIsRefusedNamingTheVersion()
    {
        var path = Path.Combine(_directory, "future.ckpt");
        var options = new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0, CheckpointPath = path };
        new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)).Model.Dispose();
        var bytes = File.ReadAllBytes(path);
        var formatAt = 1 + bytes[0];   // after the magic string and its one-byte length
        Assert.Equal(1, BitConverter.ToInt32(bytes, formatAt));
        BitConverter.TryWriteBytes(bytes.AsSpan(formatAt), 7);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(100)));
        Assert.Contains("a checkpoint of format version 7; this version of the library reads format 1", error.Message);
    }

    private static int CheckpointEpochs(string path) => TrainingCheckpoint.ReadHistory(path).Count;
}
