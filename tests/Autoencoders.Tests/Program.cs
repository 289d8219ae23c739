// The test assembly is also the child process of the tests that need a fresh one:
//   dotnet Autoencoders.Tests.dll threads
//     loads TorchSharp, prints "threads <n>, torch <version>", trains a small model, prints "trained";
//   dotnet Autoencoders.Tests.dll checkpointed <checkpoint path>
//     trains the checkpoint test's model, printing "epoch <n>" as each epoch ends, so that the test
//     can kill it at a known point.
// Under the test runner, Main is never called.
using Autoencoders.Tests;

internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "threads":
                Console.Out.WriteLine($"threads {TorchRuntime.NumberOfThreads}, torch {TorchRuntime.TorchVersion}");
                var quick = new AutoencoderTrainingOptions { Epochs = 1, BatchSize = 50, ValidationFraction = 0 };
                new AutoencoderTrainer(quick).Fit(CheckpointedRun.Spec, FashionMnist.LoadTraining(100).Images).Model.Dispose();
                Console.Out.WriteLine("trained");
                return 0;
            case "checkpointed":
                var options = CheckpointedRun.Options(args[1]);
                options.Progress = new SynchronousProgress<EpochProgress>(epoch =>
                {
                    Console.Out.WriteLine($"epoch {epoch.Epoch}");
                    Console.Out.Flush();
                });
                new AutoencoderTrainer(options).Fit(CheckpointedRun.Spec, CheckpointedRun.Data()).Model.Dispose();
                return 0;
            default:
                Console.Error.WriteLine("usage: Autoencoders.Tests.dll threads | checkpointed <checkpoint path>");
                return 2;
        }
    }
}
