using System.Runtime.InteropServices;
using Autoencoders.Trainers;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>glibc's allocator serves training's tensors from its heap and keeps their memory between steps, unless the process set the allocator itself.</summary>
public class NativeHeapTests
{
    private const long TensorBytes = 16L << 20;

    [Fact]
    public void ATensorOfTrainingsSizeComesFromTheHeapAndItsMemoryIsKeptOnceFreed()
    {
        TorchRuntime.EnsureInitialized();
        Assert.True(NativeHeap.IsRetainingFreedMemory);
        var before = mallinfo2();
        MallocInfo during;
        using (var activations = ones(TensorBytes / sizeof(float)))
        {
            during = mallinfo2();
        }

        var after = mallinfo2();
        // By default glibc maps a block this size on its own and unmaps it when freed; the other tests running meanwhile map nothing either way.
        Assert.True((long)during.Hblkhd - (long)before.Hblkhd < TensorBytes / 2, $"mapped on their own: {before.Hblkhd} bytes before, {during.Hblkhd} with the tensor");
        Assert.True((long)after.Arena > (long)during.Arena - TensorBytes / 2, $"heap: {during.Arena} bytes with the tensor, {after.Arena} after it was freed");
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("MALLOC_TRIM_THRESHOLD_", "131072", false)]
    [InlineData("MALLOC_MMAP_MAX_", "65536", false)]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.check=0", false)]
    [InlineData("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=512", true)]
    public void TheAllocatorIsLeftAsTheProcessSetIt(string? variable, string? value, bool retains)
    {
        var environment = variable is null ? null : new Dictionary<string, string> { [variable] = value! };
        var (exit, output, error) = ExternalCommand.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "threads"], TimeSpan.FromMinutes(2),
            environment: environment);

        Assert.True(exit == 0, error);
        Assert.Contains($"retains freed memory {retains}\n", output);
        Assert.EndsWith("trained\n", output);
    }

    /// <summary>glibc's heap statistics: <c>arena</c> is the heap's size, <c>hblkhd</c> the memory in blocks mapped on their own.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc")]
    private static extern MallocInfo mallinfo2();
}
