// Trains the checkpoint test's model, printing "epoch <n>" as each epoch ends, so that the test
// can kill it at a known point.
//   TrainingWorker <checkpoint path>
using Autoencoders.Trainers;

var options = CheckpointedRun.Options(args[0]);
options.Progress = new LineProgress();
new AutoencoderTrainer(options).Fit(CheckpointedRun.Spec, CheckpointedRun.Data()).Model.Dispose();

internal sealed class LineProgress : IProgress<EpochProgress>
{
    public void Report(EpochProgress value) => Console.Out.WriteLine($"epoch {value.Epoch}");
}
