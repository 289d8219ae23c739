namespace Autoencoders.Trainers;

/// <summary>The kernels <see cref="RandomFourierFeatures"/> can approximate, each a function of x - y alone.</summary>
public enum ShiftInvariantKernel
{
    /// <summary>exp(-gamma |x - y|² / d), d the median squared distance between rows: frequencies drawn from a normal distribution.</summary>
    Gaussian,

    /// <summary>exp(-a |x - y|₁ / d), d the median L1 distance between rows: frequencies drawn from a Cauchy distribution.</summary>
    Laplacian,
}
