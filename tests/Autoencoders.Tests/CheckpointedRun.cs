namespace Autoencoders.Tests;

/// <summary>The training the checkpoint tests kill and resume: dropout and masking noise, so every random stream matters.</summary>
public static class CheckpointedRun
{
    /// <summary>784 -> 128 -> 16 with dropout.</summary>
    public static DenseAutoencoderSpec Spec { get; } = new(784, 16, [128], dropoutRate: 0.1f);

    /// <summary>The first 3,000 Fashion-MNIST training images.</summary>
    public static FeatureMatrix Data() => FashionMnist.LoadTraining(3000).Images;

    /// <summary>Eight epochs, a checkpoint after each.</summary>
    public static AutoencoderTrainingOptions Options(string checkpointPath) => new()
    {
        Epochs = 8, BatchSize = 32, Seed = 5, ValidationFraction = 0.2f, EarlyStoppingPatience = 0,
        Noise = NoiseKind.Masking, NoiseLevel = 0.2f, CheckpointPath = checkpointPath, CheckpointInterval = 1,
    };
}
