namespace Autoencoders.Trainers;

/// <summary>How a reconstruction is compared with its input during training.</summary>
public enum ReconstructionLoss
{
    /// <summary>Mean squared error over all values of the batch.</summary>
    MeanSquaredError,
    /// <summary>Mean absolute error over all values of the batch.</summary>
    MeanAbsoluteError,
    /// <summary>Binary cross-entropy; inputs must lie in [0, 1] and the output activation must be Sigmoid.</summary>
    BinaryCrossEntropy,
}
