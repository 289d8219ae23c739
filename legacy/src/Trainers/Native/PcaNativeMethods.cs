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

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_pca_accumulate_sketch")]
    public static partial int AccumulateSketch(double* shift, float* x, long rows, long columns, double* basis, long k, double* sums, double* sketch);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_pca_sketch_range")]
    public static partial int SketchRange(double* shift, double* sums, double* sketch, double* basis, long rows, long columns, long k, int center, double* range);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_pca_fit_sketch")]
    public static partial int FitSketch(double* shift, double* sums, double* sketch, double* basis, long rows, long columns, long k, long rank, int center,
        float* mean, float* components, float* variances);
}
