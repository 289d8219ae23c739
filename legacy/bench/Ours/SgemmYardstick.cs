using System.Runtime.InteropServices;

/// <summary>
/// This machine's float32 matrix-product rate in GFLOP/s at the engine's current thread count, from
/// the shim's own timing entry point: the bench's yardstick for training throughput, kept out of
/// the library's API.
/// </summary>
internal static partial class SgemmYardstick
{
    [LibraryImport("aeshim", EntryPoint = "ae_runtime_measure_sgemm")]
    private static partial int MeasureSgemm(long size, int repeats, out double gflops);

    /// <summary>The rate, timed on <paramref name="size"/> x <paramref name="size"/> products repeated <paramref name="repeats"/> times.</summary>
    public static double Gflops(int size = 1024, int repeats = 20) =>
        MeasureSgemm(size, repeats, out var gflops) == 0 ? gflops : throw new InvalidOperationException("ae_runtime_measure_sgemm failed.");
}
