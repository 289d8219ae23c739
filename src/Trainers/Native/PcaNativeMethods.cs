using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/pca_api.cpp.</summary>
internal static unsafe partial class PcaNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_pca_accumulate")]
    public static partial int Accumulate(double* shift, float* x, long rows, long columns, double* sums, double* products);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_pca_fit_moments")]
    public static partial int FitMoments(double* shift, double* sums, double* products, long rows, long columns, long rank,
        float* mean, float* components, float* variances);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_pca_project")]
    public static partial int Project(float* mean, float* components, long rank, float* x, long rows, long columns, float* output);
}
