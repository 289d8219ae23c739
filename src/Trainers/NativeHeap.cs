using System.Runtime.InteropServices;

namespace Autoencoders.Trainers;

/// <summary>
/// How glibc's allocator, which libtorch's CPU tensors come from, is set for training. By default
/// glibc maps every block over 128 KB afresh and hands freed memory at the heap's top back to the
/// kernel, so a training step, whose activations are megabytes and are freed when the step ends, pays
/// for mapping, zeroing and unmapping them again on every step: one semi-supervised epoch on 10,000
/// images took 68 s, 43 of them in the kernel (14 s with the setting). <see cref="RetainFreedMemory"/> serves every block from the
/// heap and keeps freed memory for the next step; <see cref="ReleaseFreedMemory"/>,
/// called when a fit ends, gives it back. glibc gives each thread but the main one a heap of at most
/// 64 MB, so larger blocks are still mapped on those threads (the same epoch: 30 s on a thread-pool
/// thread, 14 s on the main one). Nothing is changed where the process set glibc's allocator
/// itself (<c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>, <c>MALLOC_TOP_PAD_</c>,
/// <c>MALLOC_MMAP_MAX_</c>, or a <c>glibc.malloc</c> entry of <c>GLIBC_TUNABLES</c>), nor off Linux.
/// </summary>
internal static class NativeHeap
{
    /// <summary>mallopt's parameter for the trim threshold (malloc.h's M_TRIM_THRESHOLD).</summary>
    private const int TrimThreshold = -1;

    /// <summary>mallopt's parameter for the most blocks mapped on their own (malloc.h's M_MMAP_MAX).</summary>
    private const int MostMappedBlocks = -4;

    private static readonly string[] AllocatorVariables = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"];

    /// <summary>Whether freed memory is kept for reuse (the settings above were applied).</summary>
    public static bool IsRetainingFreedMemory { get; private set; }

    /// <summary>Applies the settings above, once, from the runtime's initialization.</summary>
    public static void RetainFreedMemory()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || IsSetByProcess())
        {
            return;
        }

        try
        {
            IsRetainingFreedMemory = mallopt(MostMappedBlocks, 0) == 1 && mallopt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc: its allocator has its own policy.
        }
    }

    /// <summary>Gives the freed memory kept since the last call back to the kernel, where it is being kept.</summary>
    public static void ReleaseFreedMemory()
    {
        if (IsRetainingFreedMemory)
        {
            _ = malloc_trim(0);
        }
    }

    private static bool IsSetByProcess() =>
        AllocatorVariables.Any(name => Environment.GetEnvironmentVariable(name) is { Length: > 0 })
        || Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
