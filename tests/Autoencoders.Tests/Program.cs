// The test assembly is also the child process of the tests that need a fresh one:
//   dotnet Autoencoders.Tests.dll threads
//     loads TorchSharp, prints "threads <n>, torch <version>" and "retains freed memory <True|False>",
//     trains a small model, prints "trained";
//   dotnet Autoencoders.Tests.dll checkpointed <checkpoint path>
//     trains the checkpoint test's model, printing "epoch <n>" as each epoch ends and waiting for a
//     line on standard input before going on, so that the test can kill it at a known point;
//   dotnet Autoencoders.Tests.dll score-saved <model.zip> <images.csv> <column> <output file>
//     plain ML.NET: loads the model, scores the CSV's images (label, 784 pixels), writes the
//     column's vectors, one row per line, then prints which of TorchSharp and this library's
//     assemblies the process loaded;
//   dotnet Autoencoders.Tests.dll score-saved-detector <model.zip> <table.csv> <width> <output file>
//     plain ML.NET: loads a saved detector, scores the CSV's rows (Single label, width features),
//     writes "score decision" per row, prints ML.NET's AUROC and the assemblies loaded;
//   dotnet Autoencoders.Tests.dll dispose-race <races>
//     disposes detectors while threads score with them (ConcurrencyTests), printing "races <n>: ...";
//   mpirun -np 2 dotnet Autoencoders.Tests.dll distributed <engine|pipeline|pipeline-streamed|forever|cancel|stall|interrupted|resumed> <output file>
//     one rank of a distributed test's training (DistributedRun);
//   dotnet Autoencoders.Tests.dll scalar-race <rounds>
//     trains models whose arithmetic uses constants while another thread collects garbage (NativeScalarTests);
//   dotnet Autoencoders.Tests.dll save-loop <detector.zip> <model file>
//     saves a detector and an engine model again and again until killed (KilledSaveTests);
//   dotnet Autoencoders.Tests.dll lifetime <cycles>
//     fits, scores, saves, loads and disposes pipelines, printing "cycle <n> rss_mb <m> native_mb <m> managed_mb <m>" (LifetimeRun);
//   dotnet Autoencoders.Tests.dll native-heap
//     makes and frees a 16 MB tensor, printing whether glibc's allocator mapped it on its own (NativeHeapTests);
//   dotnet Autoencoders.Tests.dll mkl-vendor
//     prints whether MKL's vendor check was bypassed and what it answers (MklVendorCheckTests).
// Under the test runner, Main is never called.
using Autoencoders.Tests;

internal static class Program
{
    // Each mode is a method of its own: the JIT loads the assemblies a method's locals need when it
    // compiles the method, and score-saved must load none of this library's.
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "threads" => Threads(),
        "checkpointed" => Checkpointed(args[1]),
        "score-saved" => SavedModelScoring.Run(args[1], args[2], args[3], args[4]),
        "score-saved-detector" => SavedModelScoring.RunDetector(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4]),
        "dispose-race" => ConcurrencyTests.DisposeRace(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
        "distributed" => DistributedRun.Run(args[1], args[2]),
        "scalar-race" => NativeScalarTests.Race(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
        "save-loop" => KilledSaveTests.SaveLoop(args[1], args[2]),
        "lifetime" => LifetimeRun.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
        "native-heap" => NativeHeapTests.Probe(),
        "mkl-vendor" => MklVendorCheckTests.Probe(),
        _ => Usage(),
    };

    private static int Threads()
    {
        Console.Out.WriteLine($"threads {TorchRuntime.NumberOfThreads}, torch {TorchRuntime.TorchVersion}");
        Console.Out.WriteLine($"retains freed memory {NativeHeap.IsRetainingFreedMemory}");
        var quick = new AutoencoderTrainingOptions { Epochs = 1, BatchSize = 50, ValidationFraction = 0 };
        new AutoencoderTrainer(quick).Fit(CheckpointedRun.Spec, FashionMnist.LoadTraining(100).Images).Model.Dispose();
        Console.Out.WriteLine("trained");
        return 0;
    }

    private static int Checkpointed(string checkpointPath)
    {
        var options = CheckpointedRun.Options(checkpointPath);
        options.Progress = new SynchronousProgress<EpochProgress>(epoch =>
        {
            Console.Out.WriteLine($"epoch {epoch.Epoch}");
            Console.Out.Flush();
            // The test answers each epoch before the next one starts, so it kills this process in the epoch after the one it waits for, never later.
            Console.In.ReadLine();
        });
        new AutoencoderTrainer(options).Fit(CheckpointedRun.Spec, CheckpointedRun.Data()).Model.Dispose();
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Autoencoders.Tests.dll threads | checkpointed <checkpoint path> | score-saved <model.zip> <images.csv> <column> <output file> | score-saved-detector <model.zip> <table.csv> <width> <output file> | dispose-race <races> | distributed <mode> <output file> | lifetime <cycles> | native-heap | mkl-vendor");
        return 2;
    }
}
