using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class CancellationTests
{
    [Fact]
    public void CancellingMidEpochStopsAfterTheBatchInFlight()
    {
        using var cancellation = new CancellationTokenSource();
        var batches = new List<BatchProgress>();
        var options = new AutoencoderTrainingOptions
        {
            Epochs = 50, BatchSize = 16, ValidationFraction = 0f,
            BatchProgress = new SynchronousProgress<BatchProgress>(batch =>
            {
                batches.Add(batch);
                if (batch is { Epoch: 2, Batch: 3 }) cancellation.Cancel();
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(784, 16), FashionMnistSlice.TrainingRows(320), cancellation.Token));

        Assert.Equal(new BatchProgress(2, 3, 20, batches[^1].Loss, 50), batches[^1]);
        Assert.Equal(23, batches.Count);
    }

    [Fact]
    public void AnAlreadyCancelledTokenTrainsNothing()
    {
        var batches = 0;
        var options = new AutoencoderTrainingOptions { BatchProgress = new SynchronousProgress<BatchProgress>(_ => batches++) };
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), SpecAndValidationTests.Rows(50, 4), new CancellationToken(canceled: true)));
        Assert.Equal(0, batches);
    }

    [Fact]
    public void AnExceptionFromAProgressHandlerReachesTheCaller()
    {
        var options = new AutoencoderTrainingOptions
        {
            ValidationFraction = 0f,
            BatchProgress = new SynchronousProgress<BatchProgress>(_ => throw new InvalidTimeZoneException("from the handler")),
        };
        var error = Assert.Throws<InvalidTimeZoneException>(() =>
            new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(4, 2), SpecAndValidationTests.Rows(50, 4)));
        Assert.Equal("from the handler", error.Message);
    }
}
