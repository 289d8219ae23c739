using System.Globalization;
using Autoencoders.Trainers;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>glibc's allocator serves training's tensors from its heap, unless the process set the allocator itself.</summary>
public class NativeHeapTests
{
    private const long TensorBytes = 16L << 20;

    [Fact]
    public void ATensorOfTrainingsSizeComesFromTheHeap()
    {
        // In a process of its own: glibc's counts are the whole process's, which other tests' tensors would move.
        var (exit, output, error) = ExternalCommand.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "native-heap"], TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, error);
        var counts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).ToDictionary(words => words[0], words => words[1]);
        Assert.Equal("True", counts["retains"]);
        // With glibc's defaults a block this size is mapped on its own (and unmapped when freed).
        Assert.True(long.Parse(counts["mapped_bytes_added"], CultureInfo.InvariantCulture) < TensorBytes / 2, output);
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

    /// <summary>
    /// The child of <see cref="ATensorOfTrainingsSizeComesFromTheHeap"/>: makes and frees a
    /// tensor of <see cref="TensorBytes"/> and prints whether freed memory is kept and the bytes glibc mapped on their
    /// own while it lived.
    /// </summary>
    internal static int Probe()
    {
        TorchRuntime.EnsureInitialized();
        var before = GlibcHeapStatistics.Now();
        GlibcHeapStatistics during;
        using (var activations = ones(TensorBytes / sizeof(float)))
        {
            during = GlibcHeapStatistics.Now();
        }

        Console.Out.WriteLine($"retains {NativeHeap.IsRetainingFreedMemory}");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mapped_bytes_added {during.Mapped - before.Mapped}"));
        return 0;
    }
}
