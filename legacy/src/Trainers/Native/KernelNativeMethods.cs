using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/kernel_api.cpp.</summary>
internal static unsafe partial class KernelNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_random_fourier_features")]
    public static partial int RandomFourierFeatures(float* frequencies, float* phases, long rank, float* x, long rows, long columns, float* output);
}
