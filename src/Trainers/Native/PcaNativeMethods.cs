using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/pca_api.cpp.</summary>
internal static unsafe partial class PcaNativeMethods
{
    [LibraryImport(NativeLibraryName.Shim, EntryPoint = "ae_pca_fit")]
    public static partial int Fit(float* x, long rows, long columns, long rank, float* mean, float* components, float* variances);

    [LibraryImport(NativeLibraryName.Shim, EntryPoint = "ae_pca_project")]
    public static partial int Project(float* mean, float* components, long rank, float* x, long rows, long columns, float* output);
}
