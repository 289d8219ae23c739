using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// Data-parallel training over MPI, two ranks on loopback started by Open MPI's and MPICH's own
/// launchers (installed by ./build.sh test): the ranks agree on every loss, train like one process
/// with their combined batch, and a rank that is killed, fails or stalls ends the job on every rank
/// with a message naming it, instead of a hang.
/// </summary>
public sealed partial class DistributedTrainingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("distributed-").FullName;

    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The largest difference allowed between two ranks' training and one process with their combined batch.</summary>
    private const float CombinedBatchTolerance = 1e-3f;

    public enum Launcher
    {
        OpenMpi,
        Mpich,
    }

    [Theory]
    [InlineData(Launcher.OpenMpi)]
    [InlineData(Launcher.Mpich)]
    public void TwoRanksAgreeOnEveryLossAndTrainLikeOneProcessWithTheirCombinedBatch(Launcher launcher)
    {
        var weightsFile = Path.Combine(_directory, "weights.bin");
        var (exit, output, error) = Launch(launcher, "engine", weightsFile);
        Assert.True(exit == 0, $"the job failed ({exit}):\n{output}\n{error}");
        var losses = LossesByRank(output);
        Assert.Equal(DistributedRun.Epochs, losses[0].Count);
        Assert.Equal(losses[0], losses[1]);

        var distributed = ReadFloats(weightsFile);
        float[] initial, rankZeroAlone;
        using (var model = AutoencoderModel.Create(DistributedRun.Spec.ToArchitecture(Activation.Sigmoid), seed: 3))
        {
            initial = DistributedRun.Weights(model);
        }

        var data = DistributedRun.Data();
        var combined = CombinedBatchWeights();

        // What rank 0 would have learned from its own rows had the gradients not been averaged.
        var rankZeroRows = data.SelectRows(Enumerable.Range(0, DistributedRun.BatchSize).Select(i => i * DistributedRun.WorldSize).ToArray());
        using (var model = new AutoencoderTrainer(DistributedRun.Options(DistributedRun.BatchSize, DistributedRun.Epochs, null)).Fit(DistributedRun.Spec, rankZeroRows).Model)
        {
            rankZeroAlone = DistributedRun.Weights(model);
        }

        Assert.True(MaxDifference(distributed, combined) < CombinedBatchTolerance, $"two ranks differ from one process with the combined batch by {MaxDifference(distributed, combined)}");
        Assert.True(MaxDifference(distributed, rankZeroAlone) > 10 * CombinedBatchTolerance, "the ranks trained like rank 0 alone: the gradients were not averaged");
        Assert.True(MaxDifference(distributed, initial) > 10 * CombinedBatchTolerance, "the weights did not train");
        Assert.Equal(losses[0], LossesOf(DistributedRun.Options(DistributedRun.WorldSize * DistributedRun.BatchSize, DistributedRun.Epochs, null), data), LossComparer);
    }

    [Fact]
    public void TwoRanksStoppedMidwayResumeFromRankZerosCheckpointAndEndAsAnUninterruptedRun()
    {
        var weightsFile = Path.Combine(_directory, "weights.bin");
        var (exit, output, error) = Launch(Launcher.OpenMpi, "interrupted", weightsFile);
        Assert.True(exit != 0 && File.Exists(DistributedRun.CheckpointPath(weightsFile)), $"the first job should stop with a checkpoint ({exit}):\n{output}\n{error}");
        Assert.False(File.Exists(weightsFile));

        (exit, output, error) = Launch(Launcher.OpenMpi, "resumed", weightsFile);
        Assert.True(exit == 0, $"the resumed job failed ({exit}):\n{output}\n{error}");
        var losses = LossesByRank(output);
        Assert.Equal(losses[0], losses[1]);
        Assert.Equal(DistributedRun.Epochs - DistributedRun.Epochs / 2, losses[0].Count);
        Assert.StartsWith($"epoch {DistributedRun.Epochs / 2 + 1} ", losses[0][0], StringComparison.Ordinal);
        var resumed = ReadFloats(weightsFile);
        Assert.True(MaxDifference(resumed, CombinedBatchWeights()) < CombinedBatchTolerance, $"the resumed ranks differ from one process by {MaxDifference(resumed, CombinedBatchWeights())}");
    }

    [Theory]
    [InlineData("pipeline")]
    [InlineData("pipeline-streamed")]
    public void APipelinesRanksReadTheirShardsOfTheDataViewAndEmbedLikeOneProcessWithTheirCombinedBatch(string mode)
    {
        var codesFile = Path.Combine(_directory, "codes.bin");
        var (exit, output, error) = Launch(Launcher.OpenMpi, mode, codesFile);
        Assert.True(exit == 0, $"the job failed ({exit}):\n{output}\n{error}");
        var losses = LossesByRank(output);
        Assert.Equal(DistributedRun.Epochs, losses[0].Count);
        Assert.Equal(losses[0], losses[1]);

        var context = new MLContext(seed: 1);
        var data = context.Data.LoadFromEnumerable(ImageRows.Read(DistributedRun.WorldSize * DistributedRun.BatchSize));
        var options = DistributedRun.PipelineOptions(DistributedRun.WorldSize * DistributedRun.BatchSize, mode, null);
        using var model = context.Transforms.AutoencoderEmbed(options).Fit(data);
        var combined = model.Transform(data).GetColumn<float[]>("Code").SelectMany(code => code).ToArray();
        var distributed = ReadFloats(codesFile);
        Assert.Equal(combined.Length, distributed.Length);
        Assert.True(MaxDifference(distributed, combined) < CombinedBatchTolerance, $"two ranks' codes differ from one process's by {MaxDifference(distributed, combined)}");
    }

    [Theory]
    [InlineData(Launcher.OpenMpi)]
    [InlineData(Launcher.Mpich)]
    public async Task AKilledRankEndsTheJobOnEveryRankAndTheLauncherNamesIt(Launcher launcher)
    {
        using var job = Process.Start(LaunchInfo(launcher, "forever", Path.Combine(_directory, "never.bin")))!;
        var output = new System.Text.StringBuilder();
        var error = job.StandardError.ReadToEndAsync();
        int? rankOnePid = null;
        var epochsSeen = 0;
        while (job.StandardOutput.ReadLine() is { } line)
        {
            output.AppendLine(line);
            var (rank, text) = RankLine(line);
            rankOnePid ??= rank == 1 && PidLine().Match(text) is { Success: true } pid ? int.Parse(pid.Groups[1].Value) : null;
            if (text.StartsWith("epoch ", StringComparison.Ordinal) && ++epochsSeen == 2 && rankOnePid is { } victim)
            {
                Process.GetProcessById(victim).Kill();
                break;
            }
        }

        var remaining = job.StandardOutput.ReadToEndAsync();
        Assert.True(job.WaitForExit(JobTimeout), "the job went on after a rank was killed");
        var all = $"{output}{await remaining}\n{await error}";
        Assert.NotEqual(0, job.ExitCode);
        // Open MPI's launcher names the rank; MPICH's names its process id and the signal.
        Assert.Matches(launcher == Launcher.OpenMpi ? @"rank 1 with PID \d+ on node \S+ exited on signal 9" : $@"PID {rankOnePid} RUNNING AT \S+[\s\S]*Killed \(signal 9\)", all);
    }

    [Fact]
    public void ARankThatFailsEndsTheJobOnEveryRankNamingItself()
    {
        var stopwatch = Stopwatch.StartNew();
        var (exit, output, error) = Launch(Launcher.OpenMpi, "cancel", Path.Combine(_directory, "never.bin"));
        Assert.NotEqual(0, exit);
        Assert.Contains("error: rank 1 of 2: it failed with OperationCanceledException", error + output);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"the job took {stopwatch.Elapsed} to end");
    }

    [Fact]
    public void ARankThatStopsAnsweringEndsTheJobAfterTheTimeout()
    {
        var stopwatch = Stopwatch.StartNew();
        var (exit, output, error) = Launch(Launcher.OpenMpi, "stall", Path.Combine(_directory, "never.bin"));
        Assert.NotEqual(0, exit);
        Assert.Contains("error: rank 0 of 2: it waited more than 3 s for the other ranks at the gradient exchange", error + output);
        // Rank 1 sleeps for a minute: the job must end well before it would wake.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(45), $"the job took {stopwatch.Elapsed} to end");
    }

    [Fact]
    public void AWorldOfOneTrainsExactlyAsNoDistribution()
    {
        var data = DistributedRun.Data();
        var alone = LossesOf(DistributedRun.Options(DistributedRun.BatchSize, 3, null), data);
        var worldOfOne = LossesOf(DistributedRun.Options(DistributedRun.BatchSize, 3, new DistributedTrainingOptions { Rank = 0, WorldSize = 1 }), data);
        Assert.Equal(alone, worldOfOne);
    }

    [Fact]
    public void WithoutAnMpiLibraryTrainingSaysWhatToInstall()
    {
        var options = DistributedRun.Options(DistributedRun.BatchSize, 1, new DistributedTrainingOptions { Rank = 0, WorldSize = 2, MpiLibrary = "libno-such-mpi.so.0" });
        var error = Assert.Throws<DllNotFoundException>(() => new AutoencoderTrainer(options).Fit(DistributedRun.Spec, DistributedRun.Data()));
        Assert.Contains("libno-such-mpi.so.0", error.Message);
        Assert.Contains("apt-get install openmpi-bin", error.Message);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(-1, 2)]
    [InlineData(0, 0)]
    public void ARankOutsideTheWorldIsRefused(int rank, int worldSize)
    {
        var options = DistributedRun.Options(DistributedRun.BatchSize, 1, new DistributedTrainingOptions { Rank = rank, WorldSize = worldSize });
        var error = Assert.Throws<ArgumentException>(() => new AutoencoderTrainer(options).Fit(DistributedRun.Spec, DistributedRun.Data()));
        Assert.Contains($"rank {rank}, world size {worldSize}", error.Message);
    }

    [Fact]
    public void TheLaunchersVariablesGiveTheRankAndWorldSize()
    {
        string[] variables = ["OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMI_SIZE"];
        var saved = variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            Set(null, null, null, null);
            Assert.Null(DistributedTrainingOptions.FromEnvironment());

            Set("1", "3", null, null);
            var openMpi = DistributedTrainingOptions.FromEnvironment()!;
            Assert.Equal((1, 3, "libmpi.so.40"), (openMpi.Rank, openMpi.WorldSize, openMpi.MpiLibrary));

            Set(null, null, "2", "4");
            var mpich = DistributedTrainingOptions.FromEnvironment()!;
            Assert.Equal((2, 4, "libmpich.so.12"), (mpich.Rank, mpich.WorldSize, mpich.MpiLibrary));

            Set(null, null, "0", "1");
            Assert.Null(DistributedTrainingOptions.FromEnvironment());

            Set("x", "2", null, null);
            Assert.Contains("OMPI_COMM_WORLD_RANK must be a whole number, not 'x'", Assert.Throws<ArgumentException>(DistributedTrainingOptions.FromEnvironment).Message);

            Set(null, "2", null, null);
            Assert.Contains("OMPI_COMM_WORLD_RANK is not", Assert.Throws<ArgumentException>(DistributedTrainingOptions.FromEnvironment).Message);

            Set(null, null, "5", "2");
            Assert.Contains("rank 5, world size 2", Assert.Throws<ArgumentException>(DistributedTrainingOptions.FromEnvironment).Message);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        void Set(string? openMpiRank, string? openMpiSize, string? mpichRank, string? mpichSize)
        {
            Environment.SetEnvironmentVariable("OMPI_COMM_WORLD_RANK", openMpiRank);
            Environment.SetEnvironmentVariable("OMPI_COMM_WORLD_SIZE", openMpiSize);
            Environment.SetEnvironmentVariable("PMI_RANK", mpichRank);
            Environment.SetEnvironmentVariable("PMI_SIZE", mpichSize);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Exit, string Output, string Error) Launch(Launcher launcher, string mode, string output)
    {
        using var job = Process.Start(LaunchInfo(launcher, mode, output))!;
        return ExternalCommand.Finish(job, JobTimeout);
    }

    /// <summary>The launcher starting two ranks of the test assembly's <c>distributed</c> mode, each line of output tagged with its rank.</summary>
    private static ProcessStartInfo LaunchInfo(Launcher launcher, string mode, string output)
    {
        string[] rankCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "distributed", mode, output];
        var (file, arguments) = launcher == Launcher.OpenMpi
            ? ("mpirun.openmpi", new[] { "--allow-run-as-root", "--oversubscribe", "--tag-output", "-np", "2" })
            : ("mpiexec.mpich", new[] { "-prepend-rank", "-np", "2" });
        var start = new ProcessStartInfo(file, [.. arguments, .. rankCommand])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment[TorchRuntime.ThreadsVariable] = "1";
        start.Environment["TERM"] = "dumb";
        return start;
    }

    /// <summary>Each rank's "epoch e loss l" lines, by rank.</summary>
    private static List<string>[] LossesByRank(string output)
    {
        var losses = new[] { new List<string>(), new List<string>() };
        foreach (var line in output.Split('\n'))
        {
            var (rank, text) = RankLine(line.TrimEnd('\r'));
            if (rank is { } r && text.StartsWith("epoch ", StringComparison.Ordinal))
            {
                losses[r].Add(text);
            }
        }

        return losses;
    }

    /// <summary>The rank a launcher tagged a line with (Open MPI's "[1,r]&lt;stdout&gt;:", MPICH's "[r] ") and the line without it.</summary>
    private static (int? Rank, string Text) RankLine(string line) =>
        TaggedLine().Match(line) is { Success: true } match ? (int.Parse(match.Groups[1].Value), match.Groups[2].Value) : (null, line);

    /// <summary>The weights of one process training the tests' run with the ranks' combined batch.</summary>
    private static float[] CombinedBatchWeights()
    {
        var options = DistributedRun.Options(DistributedRun.WorldSize * DistributedRun.BatchSize, DistributedRun.Epochs, null);
        using var model = new AutoencoderTrainer(options).Fit(DistributedRun.Spec, DistributedRun.Data()).Model;
        return DistributedRun.Weights(model);
    }

    private static List<string> LossesOf(AutoencoderTrainingOptions options, FeatureMatrix data)
    {
        var losses = new List<string>();
        options.Progress = new SynchronousProgress<EpochProgress>(epoch => losses.Add(FormattableString.Invariant($"epoch {epoch.Epoch} loss {epoch.TrainingLoss:R}")));
        new AutoencoderTrainer(options).Fit(DistributedRun.Spec, data).Model.Dispose();
        return losses;
    }

    /// <summary>Losses printed by two ranks and by one process: equal to 6 digits (the sums over ranks add in another order).</summary>
    private static readonly IEqualityComparer<string> LossComparer = EqualityComparer<string>.Create(
        (a, b) => a is not null && b is not null && Math.Abs(Loss(a) - Loss(b)) <= 1e-6 * Math.Abs(Loss(a)), _ => 0);

    private static double Loss(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [GeneratedRegex(@"^\[(?:\d+,)?(\d+)\](?:<stdout>:|<stderr>:| )(.*)$")]
    private static partial Regex TaggedLine();

    [GeneratedRegex(@"^rank 1 pid (\d+)$")]
    private static partial Regex PidLine();
}
