// A training process for the tests that need one of their own:
//   TrainingWorker <checkpoint path>
//     trains the checkpoint test's model, printing "epoch <n>" as each epoch ends, so that the
//     test can kill it at a known point;
//   TrainingWorker --tune-allocator <true|false>
//     sets TorchRuntime.TuneAllocatorForTraining, prints whether the allocator is tuned after
//     loading the engine and again after a short training;
//   TrainingWorker --distributed <batch size> <epochs> <timeout seconds> <model path> [<checkpoint path>]
//     one rank of the distributed run (RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT from the
//     environment, as torchrun sets them), printing "epoch <n> <training loss> <validation loss>
//     batches <last batch>/<batch count>" as each epoch ends, then saving the model;
//   TrainingWorker --distributed-pipeline <batch size> <epochs> <timeout seconds> <model path>
//     the same, through a pipeline's autoencoder that reads its shard of a data view.
//   "{rank}" in a model path is replaced by the rank, for launchers that start every rank alike.
using System.Globalization;
using Autoencoders;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

if (args[0] == "--tune-allocator")
{
    TorchRuntime.TuneAllocatorForTraining = bool.Parse(args[1]);
    Console.Out.WriteLine($"threads {TorchRuntime.NumberOfThreads}, tuned {TorchRuntime.AllocatorTuned}");
    var quick = new AutoencoderTrainingOptions { Epochs = 1, BatchSize = 50, ValidationFraction = 0 };
    new AutoencoderTrainer(quick).Fit(CheckpointedRun.Spec, FashionMnist.LoadTraining(100).Images).Model.Dispose();
    Console.Out.WriteLine($"trained, tuned {TorchRuntime.AllocatorTuned}");
    return;
}

if (args[0] is "--distributed" or "--distributed-pipeline")
{
    var environment = DistributedTrainingOptions.FromEnvironment() ?? throw new InvalidOperationException("WORLD_SIZE is not set");
    var distributed = new DistributedTrainingOptions
    {
        Rank = environment.Rank, WorldSize = environment.WorldSize, MasterAddress = environment.MasterAddress, MasterPort = environment.MasterPort,
        LauncherServesRendezvous = environment.LauncherServesRendezvous, LauncherRestartCount = environment.LauncherRestartCount,
        Timeout = TimeSpan.FromSeconds(int.Parse(args[3], CultureInfo.InvariantCulture)),
    };
    // A launcher starts every rank with the same arguments: "{rank}" in the model path keeps their files apart.
    var modelPath = args[4].Replace("{rank}", $"{distributed.Rank}", StringComparison.Ordinal);
    var (batchSize, epochs) = (int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    BatchProgress? lastBatch = null;
    var progress = new LineProgress(epoch => string.Create(CultureInfo.InvariantCulture,
        $"epoch {epoch.Epoch} {epoch.TrainingLoss:R} {epoch.ValidationLoss:R} batches {lastBatch?.Batch}/{lastBatch?.BatchCount}"));
    var batches = new SynchronousBatchProgress(batch => lastBatch = batch);
    if (args[0] == "--distributed-pipeline")
    {
        var pipeline = DistributedRun.PipelineOptions(batchSize, epochs, distributed);
        (pipeline.Progress, pipeline.BatchProgress) = (progress, batches);
        var ml = new MLContext(seed: 1);
        using var transformer = ml.Transforms.AutoencoderEmbed(pipeline).Fit(DistributedRun.DataView(ml));
        transformer.Model.Save(modelPath);
        return;
    }

    var run = DistributedRun.Options(batchSize, epochs, distributed, args.Length > 5 ? args[5] : null);
    (run.Progress, run.BatchProgress) = (progress, batches);
    using var trained = new AutoencoderTrainer(run).Fit(DistributedRun.Spec, DistributedRun.Data()).Model;
    trained.Save(modelPath);
    return;
}

var options = CheckpointedRun.Options(args[0]);
options.Progress = new LineProgress(epoch => $"epoch {epoch.Epoch}");
new AutoencoderTrainer(options).Fit(CheckpointedRun.Spec, CheckpointedRun.Data()).Model.Dispose();

internal sealed class LineProgress(Func<EpochProgress, string> line) : IProgress<EpochProgress>
{
    public void Report(EpochProgress value)
    {
        Console.Out.WriteLine(line(value));
        Console.Out.Flush();
    }
}

/// <summary>Reports on the calling thread, as the trainer's batch callback runs, so the epoch line sees the epoch's last batch.</summary>
internal sealed class SynchronousBatchProgress(Action<BatchProgress> report) : IProgress<BatchProgress>
{
    public void Report(BatchProgress value) => report(value);
}
