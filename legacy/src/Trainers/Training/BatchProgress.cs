namespace Autoencoders.Trainers;

/// <summary>Where training stands after a batch.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Batch">The batch just finished, from 1.</param>
/// <param name="BatchCount">Batches in this epoch.</param>
/// <param name="Loss">This batch's loss.</param>
/// <param name="EpochCount">The epochs training will make (fewer when early stopping ends it).</param>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, float Loss, int EpochCount);
