using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/linear_api.cpp.</summary>
internal static unsafe partial class LinearNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_linear_fit")]
    public static partial int Fit(float* x, float* labels, float* weights, long rows, long columns, long classes,
        float l1, float l2, float tolerance, int history, int maxIterations, int nonNegative,
        float* parameters, int* iterations, double* objective);
}
