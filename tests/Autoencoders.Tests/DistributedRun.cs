using System.Globalization;
using Microsoft.ML;
using Autoencoders.Transforms;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// The trainings the distributed tests start under mpirun, as each rank runs them: 64 Fashion-MNIST
/// rows, dealt 32 to each of two ranks, one step per epoch, so that two ranks with batches of 32 take
/// the same steps as one process with batches of 64.
/// </summary>
public static class DistributedRun
{
    /// <summary>Ranks the tests start.</summary>
    public const int WorldSize = 2;

    /// <summary>Rows each rank trains on per step.</summary>
    public const int BatchSize = 32;

    /// <summary>Epochs of the runs that finish.</summary>
    public const int Epochs = 12;

    /// <summary>784 -> 64 -> 8.</summary>
    public static DenseAutoencoderSpec Spec { get; } = new(784, 8, [64]);

    /// <summary>The first 64 Fashion-MNIST training images.</summary>
    public static FeatureMatrix Data() => FashionMnistSlice.TrainingRows(WorldSize * BatchSize);

    /// <summary>The training every rank runs; <paramref name="batchSize"/> is a rank's (the whole batch without distribution).</summary>
    public static AutoencoderTrainingOptions Options(int batchSize, int epochs, DistributedTrainingOptions? distributed) => new()
    {
        Epochs = epochs, BatchSize = batchSize, Seed = 3, ValidationFraction = 0, Distributed = distributed,
    };

    /// <summary>
    /// The embedding the pipeline modes fit; <c>pipeline-streamed</c> shuffles through a pool smaller
    /// than a rank's shard, so that each epoch reads the shard from the data view instead of memory.
    /// </summary>
    public static AutoencoderTransformOptions PipelineOptions(int batchSize, string mode, DistributedTrainingOptions? distributed) => new()
    {
        OutputColumnName = "Code", InputColumnName = nameof(ImageRows.Features), LatentDimension = 8, HiddenWidths = [64], Epochs = Epochs,
        BatchSize = batchSize, Seed = 3, ValidationFraction = 0, Distributed = distributed, ShufflePoolSize = mode == "pipeline-streamed" ? BatchSize / 2 : 100_000,
    };

    /// <summary>Every weight and buffer of <paramref name="model"/>'s network, in order.</summary>
    public static float[] Weights(AutoencoderModel model) =>
        [.. model.State.Where(entry => entry.Tensor.dtype == TorchSharp.torch.ScalarType.Float32).SelectMany(entry => entry.Tensor.data<float>().ToArray())];

    /// <summary>
    /// A rank's side of a test: <c>distributed engine|pipeline|pipeline-streamed|forever|cancel|stall|interrupted|resumed &lt;output&gt;</c>.
    /// Prints "epoch e loss l" after each epoch; rank 0 writes the weights (engine) or the codes of
    /// the rows (pipeline) to the output file. forever trains until killed (after printing its pid),
    /// cancel cancels rank 1 after its first epoch, stall stops rank 1 for a minute after its first
    /// epoch while the others wait at most 3 seconds; interrupted trains the engine run with a
    /// checkpoint beside the output and cancels rank 0 halfway, after it wrote that epoch's checkpoint
    /// (a rank cancelled sooner could end the job while rank 0 still writes it), and resumed runs it again.
    /// </summary>
    public static int Run(string mode, string output)
    {
        var launched = DistributedTrainingOptions.FromEnvironment() ?? throw new InvalidOperationException("not started by an MPI launcher");
        var rank = launched.Rank;
        var distributed = mode == "stall"
            ? new DistributedTrainingOptions { Rank = rank, WorldSize = launched.WorldSize, MpiLibrary = launched.MpiLibrary, Timeout = TimeSpan.FromSeconds(3) }
            : launched;
        Console.Out.WriteLine($"rank {rank} pid {Environment.ProcessId}");
        Console.Out.Flush();
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<EpochProgress>(epoch =>
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch} loss {epoch.TrainingLoss:R}"));
            Console.Out.Flush();
            if ((rank == 1 && epoch.Epoch == 1 && mode == "cancel") || (rank == 0 && epoch.Epoch == Epochs / 2 && mode == "interrupted"))
            {
                cancellation.Cancel();
            }

            if (rank == 1 && epoch.Epoch == 1 && mode == "stall")
            {
                Thread.Sleep(TimeSpan.FromMinutes(1));
            }
        });

        if (mode.StartsWith("pipeline", StringComparison.Ordinal))
        {
            var context = new MLContext(seed: 1);
            var data = context.Data.LoadFromEnumerable(ImageRows.Read(WorldSize * BatchSize));
            var options = PipelineOptions(BatchSize, mode, distributed);
            options.Progress = progress;
            using var model = context.Transforms.AutoencoderEmbed(options).Fit(data);
            var codes = model.Transform(data).GetColumn<float[]>("Code").SelectMany(code => code).ToArray();
            Write(rank, output, codes);
            return 0;
        }

        var epochs = mode is "engine" or "interrupted" or "resumed" ? Epochs : 1_000_000;
        var trainingOptions = Options(BatchSize, epochs, distributed);
        trainingOptions.Progress = progress;
        trainingOptions.CheckpointPath = mode is "interrupted" or "resumed" ? CheckpointPath(output) : null;
        using var result = new AutoencoderTrainer(trainingOptions).Fit(Spec, Data(), cancellation.Token).Model;
        Write(rank, output, Weights(result));
        return 0;
    }

    /// <summary>Where the interrupted and resumed runs keep their checkpoint.</summary>
    public static string CheckpointPath(string output) => output + ".checkpoint";

    private static void Write(int rank, string output, float[] values)
    {
        if (rank == 0)
        {
            File.WriteAllBytes(output, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        }
    }
}
