using System.Diagnostics;
using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Autoencoders.Trainers.Native;

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

        // A real training process, killed with SIGKILL once it reports epoch 3 of 8.
        var checkpoint = Path.Combine(_directory, "killed.ckpt");
        var worker = Path.Combine(AppContext.BaseDirectory, "TrainingWorker.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [worker, checkpoint]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && line != "epoch 3")
        {
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
    public void PipelineEstimatorsKeepACheckpointAndResumeFromIt()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(ml, 80)).Transform(TestData.Tabular(ml, 80));
        var path = Path.Combine(_directory, "detector.ckpt");
        var batches = 0;
        var options = new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 2, Epochs = 3, Seed = 5, CheckpointPath = path, BatchProgress = new SynchronousProgress<BatchProgress>(_ => batches++),
        };
        using var first = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        Assert.True(File.Exists(path));
        var trained = batches;

        using var resumed = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        Assert.Equal(trained, batches);
        Assert.Equal(Scores(first.Transform(data)), Scores(resumed.Transform(data)));

        var embedPath = Path.Combine(_directory, "embed.ckpt");
        using var embed = ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions { OutputColumnName = "Code", InputColumnName = "Features", LatentDimension = 2, Epochs = 1, CheckpointPath = embedPath }).Fit(data);
        Assert.True(File.Exists(embedPath));
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

    private static float[] Scores(IDataView scored) =>
        scored.GetColumn<float>("Score").ToArray();

    private static unsafe int CheckpointEpochs(string path)
    {
        var header = NativeStatus.ReadString((buffer, capacity) =>
            (TrainerNativeMethods.ReadCheckpointHeader(path, (byte*)buffer, capacity, out var length), length));
        return JsonNode.Parse(header)!["history"]!.AsArray().Count;
    }
}
