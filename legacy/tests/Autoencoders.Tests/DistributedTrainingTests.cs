using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>
/// Data-parallel training on c10d with Gloo: ranks are separate processes (the TrainingWorker) that
/// meet on loopback, as torchrun would start them.
/// </summary>
public class DistributedTrainingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("distributed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TwoRanksTrainAsOneProcessWithTheirCombinedBatch()
    {
        var port = FreePort();
        var ranks = Enumerable.Range(0, 2).Select(rank => Rank(rank, 2, port, batchSize: 32, epochs: 3, timeoutSeconds: 60)).ToArray();
        var results = ranks.Select(Finish).ToArray();
        Assert.All(results, result => Assert.True(result.Exit == 0, result.Error));

        var alone = new AutoencoderTrainer(DistributedRun.Options(batchSize: 64, epochs: 3, distributed: null)).Fit(DistributedRun.Spec, DistributedRun.Data());
        using var oneProcess = alone.Model;
        // Every rank reports the losses over all ranks' rows: the same as one process's, up to the order of float sums.
        foreach (var result in results)
        {
            var epochs = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToArray();
            Assert.Equal(3, epochs.Length);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(alone.History[i].TrainingLoss, float.Parse(epochs[i][2], CultureInfo.InvariantCulture), 1e-4f);
                Assert.Equal(alone.History[i].ValidationLoss!.Value, float.Parse(epochs[i][3], CultureInfo.InvariantCulture), 1e-4f);
            }
        }

        AssertReconstructsLike(oneProcess, 0);
        AssertReconstructsLike(oneProcess, 1);
    }

    [Fact]
    public void ThreeRanksDealtRowsInSeveralChunksRunTheBatchesTheirProgressCounts()
    {
        // 4,500 training rows reach the engine in chunks; each chunk's share must be whole batches
        // for a rank's steps to be the ceil(1,500 / 32) = 47 its progress counts.
        var port = FreePort();
        var ranks = Enumerable.Range(0, 3).Select(rank => Rank(rank, 3, port, batchSize: 32, epochs: 1, timeoutSeconds: 60, rows: 5000)).ToArray();
        var results = ranks.Select(Finish).ToArray();

        Assert.All(results, result =>
        {
            Assert.True(result.Exit == 0, result.Error);
            Assert.EndsWith(" batches 47/47", result.Output.Trim());
        });
    }

    [Fact]
    public void TwoRanksOfAPipelineEachStreamingItsOwnShardAgreeOnEveryLossAndTrainAsOneProcessDoes()
    {
        var port = FreePort();
        var ranks = Enumerable.Range(0, 2).Select(rank => Rank(rank, 2, port, batchSize: 32, epochs: 4, timeoutSeconds: 60, pipeline: true)).ToArray();
        var results = ranks.Select(Finish).ToArray();
        Assert.All(results, result => Assert.True(result.Exit == 0, result.Error));
        // Each rank trained and validated on its own rows; both report the losses over all of them.
        Assert.Equal(results[0].Output, results[1].Output);
        var validationLosses = results[0].Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => float.Parse(line.Split(' ')[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, validationLosses.Length);

        // The reported validation loss is the mean over every rank's validation rows: the kept model scores all of them so.
        var ml = new MLContext(seed: 1);
        var view = DistributedRun.DataView(ml);
        var options = DistributedRun.PipelineOptions(batchSize: 64, epochs: 4, distributed: null);
        var (_, validation) = DataViewFeatureSource.Split(view, "Features", options.ValidationFraction, options.BatchSize, options.Seed!.Value, options.ShufflePoolSize);
        var rows = validation!.ReadChunks(0).Single();
        using (var kept = AutoencoderModel.Load(ModelPath(0)))
        {
            var reconstruction = kept.Reconstruct(rows);
            var meanSquaredError = rows.Values.ToArray().Zip(reconstruction.Values.ToArray(), (x, y) => (double)(x - y) * (x - y)).Average();
            Assert.Equal(validationLosses.Min(), meanSquaredError, 1e-5);
        }

        // Shards shuffled apart are not one process's batches, so the loss is not one process's either; it lies within the spread of one process's seeds.
        var oneProcess = new[] { 3, 4, 5, 6 }.Select(seed =>
        {
            options.Seed = seed;
            using var alone = ml.Transforms.AutoencoderEmbed(options).Fit(view);
            return alone.TrainingHistory[^1].ValidationLoss!.Value;
        }).ToArray();
        Assert.InRange(validationLosses[^1], 0.95f * oneProcess.Min(), 1.05f * oneProcess.Max());
    }

    [Fact]
    public void TorchrunStartsTheRanksAndServesTheirRendezvous()
    {
        // Debian's torchrun (PyTorch 1.13 on Python 3.11) cannot parse "--redirects 0" or "--tee 0"; 1 for both works.
        var start = new ProcessStartInfo("/usr/bin/python3",
            ["-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", $"{FreePort()}", "--redirects", "1", "--tee", "1", "--no_python",
                "dotnet", Path.Combine(AppContext.BaseDirectory, "TrainingWorker.dll"), "--distributed-pipeline", "32", "2", "60", Path.Combine(_directory, "rank{rank}.pt")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory,
        };
        var (exit, output, error) = Finish(Process.Start(start)!);

        Assert.True(exit == 0, error);
        // torchrun's agent serves the store and sets OMP_NUM_THREADS=1; it prefixes each rank's lines with its name.
        string[] Epochs(int rank) => output.Split('\n').Where(line => line.StartsWith($"[default{rank}]:epoch ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':') + 1)..].Trim()).ToArray();
        Assert.Equal(2, Epochs(0).Length);
        Assert.Equal(Epochs(0), Epochs(1));
        Assert.True(File.Exists(ModelPath(0)) && File.Exists(ModelPath(1)));
    }

    [Fact]
    public void TheEnvironmentTorchrunSetsIsRead()
    {
        var variables = new Dictionary<string, string?>
        {
            ["RANK"] = "1", ["WORLD_SIZE"] = "4", ["MASTER_ADDR"] = "10.0.0.1", ["MASTER_PORT"] = "29400",
            ["TORCHELASTIC_USE_AGENT_STORE"] = "True", ["TORCHELASTIC_RESTART_COUNT"] = "2",
        };
        var before = variables.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(name, value);
            var options = DistributedTrainingOptions.FromEnvironment()!;
            Assert.Equal((1, 4, "10.0.0.1", 29400, true, 2),
                (options.Rank, options.WorldSize, options.MasterAddress, options.MasterPort, options.LauncherServesRendezvous, options.LauncherRestartCount));

            Environment.SetEnvironmentVariable("TORCHELASTIC_USE_AGENT_STORE", null);
            Environment.SetEnvironmentVariable("TORCHELASTIC_RESTART_COUNT", null);
            Assert.Equal((false, 0), (DistributedTrainingOptions.FromEnvironment()!.LauncherServesRendezvous, DistributedTrainingOptions.FromEnvironment()!.LauncherRestartCount));
        }
        finally
        {
            foreach (var (name, value) in before) Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>The model <paramref name="rank"/> saved reconstructs 50 images as <paramref name="expected"/> does, within 0.001.</summary>
    private void AssertReconstructsLike(AutoencoderModel expected, int rank)
    {
        var rows = DistributedRun.Data().SelectRows(Enumerable.Range(0, 50).ToArray());
        var theirs = expected.Reconstruct(rows);
        using var model = AutoencoderModel.Load(ModelPath(rank));
        var reconstruction = model.Reconstruct(rows);
        var largest = Enumerable.Range(0, reconstruction.Rows).Max(row => reconstruction.Row(row).ToArray().Zip(theirs.Row(row).ToArray(), (a, b) => Math.Abs(a - b)).Max());
        Assert.True(largest < 1e-3f, $"rank {rank}'s reconstructions differ from one process's by up to {largest}");
    }

    [Fact]
    public void TwoRanksStoppedMidwayResumeFromRankZerosCheckpointAndEndAsAnUninterruptedRun()
    {
        var checkpoint = Path.Combine(_directory, "run.ckpt");
        var port = FreePort();
        var first = Enumerable.Range(0, 2).Select(rank => Rank(rank, 2, port, batchSize: 32, epochs: 4, timeoutSeconds: 10, checkpoint)).ToArray();
        // Rank 0 writes the checkpoint before it reports the epoch, so after "epoch 2" the file holds two epochs.
        Assert.StartsWith("epoch 1 ", first[0].StandardOutput.ReadLine());
        Assert.StartsWith("epoch 2 ", first[0].StandardOutput.ReadLine());
        foreach (var rank in first)
        {
            rank.Kill(entireProcessTree: true);
            rank.WaitForExit();
            rank.Dispose();
        }

        Assert.True(File.Exists(checkpoint));
        var resumedPort = FreePort();
        var resumed = Enumerable.Range(0, 2).Select(rank => Rank(rank, 2, resumedPort, batchSize: 32, epochs: 4, timeoutSeconds: 60, checkpoint)).ToArray().Select(Finish).ToArray();
        Assert.All(resumed, result => Assert.True(result.Exit == 0, result.Error));
        // The resumed ranks run only the epochs the checkpoint lacked.
        Assert.All(resumed, result => Assert.Equal(["epoch 3", "epoch 4"], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join(' ', line.Split(' ')[..2]))));

        var alone = new AutoencoderTrainer(DistributedRun.Options(batchSize: 64, epochs: 4, distributed: null)).Fit(DistributedRun.Spec, DistributedRun.Data());
        using var uninterrupted = alone.Model;
        AssertReconstructsLike(uninterrupted, 0);
        AssertReconstructsLike(uninterrupted, 1);
    }

    [Fact]
    public void ARankWhoseOthersNeverArriveFailsWithinItsTimeout()
    {
        var clock = Stopwatch.StartNew();
        var (exit, _, error) = Finish(Rank(0, 2, FreePort(), batchSize: 32, epochs: 1, timeoutSeconds: 3));

        Assert.NotEqual(0, exit);
        Assert.Contains("rank 0 of 2 could not meet the other ranks at 127.0.0.1:", error);
        Assert.Contains(": rank 1 never arrived;", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"it took {clock.Elapsed} to fail");

        (exit, _, error) = Finish(Rank(1, 2, FreePort(), batchSize: 32, epochs: 1, timeoutSeconds: 3));
        Assert.NotEqual(0, exit);
        Assert.Contains("rank 1 of 2 could not meet the other ranks at 127.0.0.1:", error);
        Assert.Contains("rank 0, which serves the rendezvous there, did not answer", error);
    }

    [Fact]
    public void ARankZeroThatCannotServeTheRendezvousSaysWhy()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, _, error) = Finish(Rank(0, 2, port, batchSize: 32, epochs: 1, timeoutSeconds: 3));

        Assert.NotEqual(0, exit);
        Assert.Contains($"rank 0 of 2 could not serve the rendezvous at 127.0.0.1:{port} (", error);
        Assert.Contains("Address already in use", error);
    }

    [Fact]
    public void RanksStartedWithDifferentSettingsAreRefused()
    {
        var port = FreePort();
        var results = new[] { Rank(0, 2, port, batchSize: 32, epochs: 1, timeoutSeconds: 30), Rank(1, 2, port, batchSize: 16, epochs: 1, timeoutSeconds: 30) }
            .Select(Finish).ToArray();

        Assert.All(results, result =>
        {
            Assert.NotEqual(0, result.Exit);
            Assert.Contains("were started with different settings", result.Error);
        });
    }

    [Fact]
    public void WhenARankDiesTheOthersFailWithinTheirTimeoutNamingItInsteadOfHanging()
    {
        var port = FreePort();
        using var first = Rank(0, 3, port, batchSize: 32, epochs: 500, timeoutSeconds: 5);
        using var second = Rank(1, 3, port, batchSize: 32, epochs: 500, timeoutSeconds: 5);
        using var victim = Rank(2, 3, port, batchSize: 32, epochs: 500, timeoutSeconds: 5);
        Assert.StartsWith("epoch 1 ", victim.StandardOutput.ReadLine());
        victim.Kill(entireProcessTree: true);

        var clock = Stopwatch.StartNew();
        var results = new[] { first, second }.Select(Finish).ToArray();
        for (var rank = 0; rank < 2; rank++)
        {
            Assert.NotEqual(0, results[rank].Exit);
            Assert.Contains($"rank {rank} of 3 lost the other ranks during", results[rank].Error);
            Assert.Contains("): rank 2 failed, was stopped or did not answer within 5000 ms", results[rank].Error);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"it took {clock.Elapsed} to fail");
    }

    [Fact]
    public void OptionsNoRendezvousCanUseAreRefusedBeforeTraining()
    {
        var options = DistributedRun.Options(32, 1, new DistributedTrainingOptions { Rank = 2, WorldSize = 2 });
        var error = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer(options).Fit(DistributedRun.Spec, DistributedRun.Data()));
        Assert.Contains("rank 2, world size 2", error.Message);

        options = DistributedRun.Options(32, 1, new DistributedTrainingOptions { Rank = 0, WorldSize = 2, LauncherServesRendezvous = true, LauncherRestartCount = -1 });
        error = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer(options).Fit(DistributedRun.Spec, DistributedRun.Data()));
        Assert.Contains("LauncherRestartCount must be zero or more, not -1", error.Message);
    }

    private string ModelPath(int rank) => Path.Combine(_directory, $"rank{rank}.pt");

    /// <summary>A rank of the distributed run, started as torchrun starts one: its place in the environment, one engine thread.</summary>
    private Process Rank(int rank, int worldSize, int port, int batchSize, int epochs, int timeoutSeconds, string? checkpoint = null, bool pipeline = false,
        int? rows = null)
    {
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "TrainingWorker.dll"), pipeline ? "--distributed-pipeline" : "--distributed", $"{batchSize}", $"{epochs}", $"{timeoutSeconds}", ModelPath(rank), .. checkpoint is null ? Array.Empty<string>() : [checkpoint]])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["RANK"] = $"{rank}", ["WORLD_SIZE"] = $"{worldSize}", ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = $"{port}",
                [TorchRuntime.ThreadsVariable] = "1",
                [DistributedRun.RowsVariable] = rows?.ToString(CultureInfo.InvariantCulture),
            },
        };
        return Process.Start(start)!;
    }

    private static (int Exit, string Output, string Error) Finish(Process process) => ExternalCommand.Finish(process, TimeSpan.FromMinutes(3));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
