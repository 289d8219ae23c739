namespace Autoencoders.Trainers;

/// <summary>Where training stands after an epoch.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="EpochCount">The epochs asked for (or chosen, when the epoch count is automatic).</param>
/// <param name="TrainingLoss">Mean loss over the epoch's training batches (in training mode).</param>
/// <param name="ValidationLoss">Loss on the held-out rows in evaluation mode; null without validation.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="IsBest">Whether this epoch has the lowest validation loss so far (always true without validation).</param>
public sealed record EpochProgress(int Epoch, int EpochCount, float TrainingLoss, float? ValidationLoss, TimeSpan Elapsed, bool IsBest);
