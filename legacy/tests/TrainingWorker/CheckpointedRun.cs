using Autoencoders.Data;
using Autoencoders.Trainers;

/// <summary>The training run the checkpoint test uses, shared by the test and the worker process.</summary>
public static class CheckpointedRun
{
    /// <summary>The model trained.</summary>
    public static DenseAutoencoderSpec Spec { get; } = new(784, 16, [128], dropoutRate: 0.1f);

    /// <summary>The rows trained on: the first 3,000 Fashion-MNIST training images.</summary>
    public static FeatureMatrix Data() => FashionMnist.LoadTraining(3000).Images;

    /// <summary>Eight epochs with validation, early stopping off, denoising noise and dropout (so every random stream matters).</summary>
    public static AutoencoderTrainingOptions Options(string checkpointPath) => new()
    {
        Epochs = 8, BatchSize = 32, Seed = 5, ValidationFraction = 0.2f, EarlyStoppingPatience = 0,
        Noise = NoiseKind.Masking, NoiseLevel = 0.2f, CheckpointPath = checkpointPath, CheckpointInterval = 1,
    };
}
