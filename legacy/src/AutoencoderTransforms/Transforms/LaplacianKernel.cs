using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// The Laplacian kernel exp(-a |x - y|₁ / d), where d is the median L1 distance between pairs of
/// the rows the map is fitted to, as ML.NET's.
/// </summary>
public sealed class LaplacianKernel : KernelBase
{
    /// <summary>A Laplacian kernel.</summary>
    /// <param name="a">The width relative to the rows' median L1 distance: larger is narrower.</param>
    public LaplacianKernel(float a = 1) => A = RequirePositive(a, nameof(a));

    /// <summary>The width relative to the rows' median L1 distance.</summary>
    public float A { get; }

    internal override ShiftInvariantKernel Shape => ShiftInvariantKernel.Laplacian;

    internal override float Parameter => A;
}
