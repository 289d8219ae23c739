namespace Autoencoders.Trainers;

/// <summary>The default value of every <see cref="AutoencoderTrainingOptions"/> setting, in one place.</summary>
public static class AutoencoderTrainingDefaults
{
    /// <summary>Passes over the training rows: 20.</summary>
    public const int Epochs = 20;

    /// <summary>Rows per optimizer step: 256.</summary>
    public const int BatchSize = 256;

    /// <summary>Adam's learning rate: 0.001.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>L2 weight decay: 0 (none).</summary>
    public const float WeightDecay = 0f;

    /// <summary>The training loss: mean squared error.</summary>
    public const ReconstructionLoss Loss = ReconstructionLoss.MeanSquaredError;

    /// <summary>The seed of weights, shuffling, dropout and the validation split: 0.</summary>
    public const long Seed = 0;

    /// <summary>Share of rows held out to validate each epoch: 0.1.</summary>
    public const float ValidationFraction = 0.1f;

    /// <summary>Epochs without a better validation loss before training stops: 5.</summary>
    public const int EarlyStoppingPatience = 5;

    /// <summary>Input corruption during training: none.</summary>
    public const NoiseKind Noise = NoiseKind.None;

    /// <summary>The strength of the input corruption: 0.</summary>
    public const float NoiseLevel = 0f;

    /// <summary>Weight of a variational autoencoder's KL term: 1.</summary>
    public const float Beta = 1f;

    /// <summary>Sparsity penalty: none.</summary>
    public const SparsityPenalty Sparsity = SparsityPenalty.None;

    /// <summary>Weight of the sparsity penalty: 0.001.</summary>
    public const float SparsityWeight = 1e-3f;

    /// <summary>Target mean activation of a KL-sparse code unit: 0.05.</summary>
    public const float SparsityTarget = 0.05f;

    /// <summary>Weight of the contractive penalty: 0 (none).</summary>
    public const float ContractiveWeight = 0f;

    /// <summary>Epochs between checkpoints: 1.</summary>
    public const int CheckpointInterval = 1;
}
