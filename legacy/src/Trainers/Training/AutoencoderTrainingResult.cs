namespace Autoencoders.Trainers;

/// <summary>What <see cref="AutoencoderTrainer"/>'s <c>Fit</c> returns.</summary>
public sealed class AutoencoderTrainingResult
{
    internal AutoencoderTrainingResult(AutoencoderModel model, IReadOnlyList<EpochProgress> history, int bestEpoch)
    {
        Model = model;
        History = history;
        BestEpoch = bestEpoch;
    }

    /// <summary>The trained model, with the weights of <see cref="BestEpoch"/>. The caller owns and disposes it.</summary>
    public AutoencoderModel Model { get; }

    /// <summary>One entry per epoch run, in order.</summary>
    public IReadOnlyList<EpochProgress> History { get; }

    /// <summary>The epoch (from 1) whose weights <see cref="Model"/> holds: lowest validation loss, or the last without validation.</summary>
    public int BestEpoch { get; }

    /// <summary>Whether early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly => History.Count > 0 && History[^1].Epoch < History[^1].EpochCount;
}
