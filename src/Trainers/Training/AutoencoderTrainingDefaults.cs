namespace Autoencoders.Trainers;

/// <summary>The default value of every <see cref="AutoencoderTrainingOptions"/> setting, in one place.</summary>
public static class AutoencoderTrainingDefaults
{
    /// <summary>Passes over the training rows.</summary>
    public const int Epochs = 20;

    /// <summary>Optimizer steps training aims at when the epoch count is automatic (null).</summary>
    public const int AutomaticSteps = 3000;

    /// <summary>The fewest passes an automatic epoch count makes (large data).</summary>
    public const int FewestAutomaticEpochs = 10;

    /// <summary>The most passes an automatic epoch count makes (tiny data).</summary>
    public const int MostAutomaticEpochs = 500;

    /// <summary>Rows per optimizer step.</summary>
    public const int BatchSize = 256;

    /// <summary>Adam's learning rate.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>L2 weight decay.</summary>
    public const float WeightDecay = 0f;

    /// <summary>The training loss.</summary>
    public const ReconstructionLoss Loss = ReconstructionLoss.MeanSquaredError;

    /// <summary>The seed of weights, shuffling, dropout and the validation split.</summary>
    public const long Seed = 0;

    /// <summary>Share of rows held out to validate each epoch.</summary>
    public const float ValidationFraction = 0.1f;

    /// <summary>Epochs without a better validation loss before training stops.</summary>
    public const int EarlyStoppingPatience = 5;

    /// <summary>Input corruption during training.</summary>
    public const NoiseKind Noise = NoiseKind.None;

    /// <summary>The strength of the input corruption.</summary>
    public const float NoiseLevel = 0f;

    /// <summary>Weight of a variational autoencoder's KL term.</summary>
    public const float Beta = 1f;

    /// <summary>Sparsity penalty.</summary>
    public const SparsityPenalty Sparsity = SparsityPenalty.None;

    /// <summary>Weight of the sparsity penalty.</summary>
    public const float SparsityWeight = 1e-3f;

    /// <summary>Target mean activation of a KL-sparse code unit.</summary>
    public const float SparsityTarget = 0.05f;

    /// <summary>Weight of the contractive penalty.</summary>
    public const float ContractiveWeight = 0f;

    /// <summary>Share of each batch's rows, those reconstructed worst, left out of the batch's loss.</summary>
    public const float TrimFraction = 0f;

    /// <summary>Epochs between checkpoints.</summary>
    public const int CheckpointInterval = 1;
}
