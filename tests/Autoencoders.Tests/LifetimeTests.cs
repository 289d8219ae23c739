using System.Globalization;
using System.Text.RegularExpressions;

namespace Autoencoders.Tests;

/// <summary>
/// Native memory (TorchSharp's tensors, ONNX Runtime's sessions) stays flat over many fit / score /
/// save / load / dispose cycles, measured in a process of its own, and no temporary file is left.
/// </summary>
public sealed class LifetimeTests
{
    [Fact]
    public void NativeMemoryIsFlatOverTwoThousandFitScoreLoadAndDisposeCycles()
    {
        // A temporary folder of its own: ML.NET's OnnxTransformer keeps a copy of its graph in a temporary file until it is disposed.
        var temporary = Directory.CreateTempSubdirectory("lifetime-").FullName;
        var (exit, output, error) = ExternalCommand.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "lifetime", "2000"], TimeSpan.FromMinutes(15),
            environment: new Dictionary<string, string> { ["TMPDIR"] = temporary });
        // One file per process is not a leak (a native library's hidden ".ses" session file, the runtime's diagnostics socket); a graph left behind is.
        // Except one named ".ort": ML.NET leaves the graph file ONNX Runtime misread as its own format (one name in 32,768; SavedModelLoading loads again).
        var left = Directory.GetFiles(temporary).Select(Path.GetFileName)
            .Where(name => !name!.StartsWith('.') && !name.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal) && !name.EndsWith(".ort", StringComparison.Ordinal)).ToList();
        Directory.Delete(temporary, recursive: true);
        Assert.True(exit == 0, error);
        Assert.True(left.Count == 0, $"{left.Count} temporary files were left behind: {string.Join(", ", left.Take(5))}");
        var memory = Regex.Matches(output, @"(?m)^cycle (\d+) rss_mb (\S+) native_mb (\S+) managed_mb (\S+)$").ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m => (Resident: Megabytes(m.Groups[2]), Native: Megabytes(m.Groups[3]), Managed: Megabytes(m.Groups[4])));
        var (warm, end) = (memory[500], memory[2000]);
        // Native memory moves by a megabyte or two between single readings (allocator caches), so its growth is
        // the median of the last three readings against the median of three after warm-up.
        double Median(params int[] cycles) => cycles.Select(cycle => memory[cycle].Native).Order().ElementAt(cycles.Length / 2);
        var (nativeWarm, nativeEnd) = (Median(500, 750, 1000), Median(1500, 1750, 2000));
        // After 500 cycles everything that warms up (compiled code, pools, caches) has. Measured from cycle 500 to 2,000:
        // native +0.3 MB, +0.2 MB by the medians (+9 MB, about +6 MB by the medians, while each TorchSharp module leaked
        // its native part, before the network was built of functional operations), managed +4.6 MB (ML.NET's MLContext keeps a record of every progress channel a trainer
        // opens, about 2.8 KB per NormalizeMinMax fit), resident +5 MB.
        Assert.True(nativeEnd - nativeWarm < 2, $"native memory grew from {nativeWarm} MB to {nativeEnd} MB (medians of three readings)");
        Assert.True(end.Managed - warm.Managed < 8, $"the managed heap grew from {warm.Managed} MB to {end.Managed} MB");
        Assert.True(end.Resident - warm.Resident < 20, $"resident memory grew from {warm.Resident} MB to {end.Resident} MB");
    }

    private static double Megabytes(Group value) => double.Parse(value.Value, CultureInfo.InvariantCulture);
}
