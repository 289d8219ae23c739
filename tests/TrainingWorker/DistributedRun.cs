using Autoencoders.Data;
using Autoencoders.Trainers;

/// <summary>The training run the distributed tests use, shared by the tests (one process) and the worker processes (the ranks).</summary>
public static class DistributedRun
{
    /// <summary>The model trained: no dropout and no input noise, so two ranks can reproduce one process exactly.</summary>
    public static DenseAutoencoderSpec Spec { get; } = new(784, 16, [64]);

    /// <summary>The rows: the first 1,000 Fashion-MNIST training images (900 trained on, an even number, so no rank pads its share).</summary>
    public static FeatureMatrix Data() => FashionMnist.LoadTraining(1000).Images;

    /// <summary><paramref name="epochs"/> epochs of batches of <paramref name="batchSize"/> rows per process, with validation, checkpointed every epoch when given a path.</summary>
    public static AutoencoderTrainingOptions Options(int batchSize, int epochs, DistributedTrainingOptions? distributed, string? checkpointPath = null) => new()
    {
        Epochs = epochs, BatchSize = batchSize, Seed = 3, ValidationFraction = 0.1f, EarlyStoppingPatience = 0, Distributed = distributed,
        CheckpointPath = checkpointPath,
    };
}
