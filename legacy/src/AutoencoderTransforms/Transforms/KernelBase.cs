using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// A shift-invariant kernel that <c>ApproximatedKernelMap</c> approximates, as ML.NET's: its width
/// is relative to the median distance between the fitted rows. See <see cref="GaussianKernel"/> and
/// <see cref="LaplacianKernel"/>.
/// </summary>
public abstract class KernelBase
{
    private protected KernelBase() { }

    /// <summary>The engine's name for this kernel.</summary>
    internal abstract ShiftInvariantKernel Shape { get; }

    /// <summary>The kernel's parameter relative to the median distance.</summary>
    internal abstract float Parameter { get; }

    /// <summary>The kernel of <paramref name="shape"/> with <paramref name="parameter"/> (e.g. read from a model file).</summary>
    internal static KernelBase Create(ShiftInvariantKernel shape, float parameter) => shape switch
    {
        ShiftInvariantKernel.Gaussian => new GaussianKernel(parameter),
        ShiftInvariantKernel.Laplacian => new LaplacianKernel(parameter),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "not a kernel"),
    };

    private protected static float RequirePositive(float value, string name) =>
        value > 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "The kernel's parameter must be a positive number.");
}
