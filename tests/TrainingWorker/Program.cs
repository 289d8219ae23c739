// A training process for the tests that need one of their own:
//   TrainingWorker <checkpoint path>
//     trains the checkpoint test's model, printing "epoch <n>" as each epoch ends, so that the
//     test can kill it at a known point;
//   TrainingWorker --tune-allocator <true|false>
//     sets TorchRuntime.TuneAllocatorForTraining, prints whether the allocator is tuned after
//     loading the engine and again after a short training.
using Autoencoders.Trainers;

if (args[0] == "--tune-allocator")
{
    TorchRuntime.TuneAllocatorForTraining = bool.Parse(args[1]);
    Console.Out.WriteLine($"threads {TorchRuntime.NumberOfThreads}, tuned {TorchRuntime.AllocatorTuned}");
    var quick = new AutoencoderTrainingOptions { Epochs = 1, BatchSize = 50, ValidationFraction = 0 };
    new AutoencoderTrainer(quick).Fit(CheckpointedRun.Spec, FashionMnist.LoadTraining(100).Images).Model.Dispose();
    Console.Out.WriteLine($"trained, tuned {TorchRuntime.AllocatorTuned}");
    return;
}

var options = CheckpointedRun.Options(args[0]);
options.Progress = new LineProgress();
new AutoencoderTrainer(options).Fit(CheckpointedRun.Spec, CheckpointedRun.Data()).Model.Dispose();

internal sealed class LineProgress : IProgress<EpochProgress>
{
    public void Report(EpochProgress value) => Console.Out.WriteLine($"epoch {value.Epoch}");
}
