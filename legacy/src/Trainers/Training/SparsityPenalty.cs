namespace Autoencoders.Trainers;

/// <summary>A penalty pushing code units towards inactivity: a sparse autoencoder.</summary>
public enum SparsityPenalty
{
    /// <summary>No sparsity penalty.</summary>
    None,
    /// <summary>Weight x the L1 norm of each code, averaged over the batch.</summary>
    L1,
    /// <summary>
    /// Weight x the sum over code units of KL(target || mean activation over the batch); the code
    /// units must be Sigmoid so that activations lie in (0, 1).
    /// </summary>
    KullbackLeibler,
}
