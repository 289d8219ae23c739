using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// The Gaussian (RBF) kernel exp(-gamma |x - y|² / d), where d is the median squared distance
/// between pairs of the rows the map is fitted to, as ML.NET's.
/// </summary>
public sealed class GaussianKernel : KernelBase
{
    /// <summary>A Gaussian kernel.</summary>
    /// <param name="gamma">The width relative to the rows' median squared distance: larger is narrower. 1 suits most data.</param>
    public GaussianKernel(float gamma = 1) => Gamma = RequirePositive(gamma, nameof(gamma));

    /// <summary>The width relative to the rows' median squared distance.</summary>
    public float Gamma { get; }

    internal override ShiftInvariantKernel Shape => ShiftInvariantKernel.Gaussian;

    internal override float Parameter => Gamma;
}
