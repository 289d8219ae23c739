using System.Diagnostics;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>Runs alone (after the parallel tests), so that its memory readings are its own.</summary>
[CollectionDefinition(nameof(NativeMemoryTests), DisableParallelization = true)]
public class NativeMemoryCollection;

[Collection(nameof(NativeMemoryTests))]
public class NativeMemoryTests
{
    [Fact]
    public void TwoThousandFitTransformDisposeCyclesDoNotLeak()
    {
        var data = SpecAndValidationTests.Rows(64, 6);
        var spec = new DenseAutoencoderSpec(6, 2, [4]);

        void Cycle(int i)
        {
            using var cancellation = new CancellationTokenSource();
            var options = new AutoencoderTrainingOptions
            {
                Epochs = 1, BatchSize = 16, ValidationFraction = 0, Seed = i,
                // Every tenth run is cancelled mid-epoch: that path must free its native objects too.
                BatchProgress = i % 10 == 0 ? new SynchronousProgress<BatchProgress>(batch => { if (batch.Batch == 2) cancellation.Cancel(); }) : null,
            };
            try
            {
                using var model = new AutoencoderTrainer(options).Fit(spec, data, cancellation.Token).Model;
                model.Encode(data);
            }
            catch (OperationCanceledException) when (i % 10 == 0)
            {
            }
        }

        for (var i = 0; i < 200; i++) Cycle(i);
        var before = ResidentBytes();
        for (var i = 0; i < 2000; i++) Cycle(i);
        var growth = ResidentBytes() - before;

        Assert.True(growth < 50L << 20, $"resident memory grew by {growth >> 20} MB over 2,000 cycles");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
