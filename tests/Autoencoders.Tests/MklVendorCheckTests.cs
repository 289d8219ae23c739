using System.Runtime.InteropServices;
using Autoencoders.Trainers;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>MKL chooses its kernels by instruction set on every x64 processor, unless the process keeps its vendor check.</summary>
public class MklVendorCheckTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MklsVendorCheckAnswersYesUnlessKept(bool keep)
    {
        var environment = keep ? new Dictionary<string, string> { [MklVendorCheck.KeepVariable] = "1" } : null;
        var (exit, output, error) = ExternalCommand.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "mkl-vendor"], TimeSpan.FromMinutes(2),
            environment: environment);

        Assert.True(exit == 0, error);
        var isIntel = File.ReadLines("/proc/cpuinfo").Any(line => line.StartsWith("vendor_id", StringComparison.Ordinal) && line.EndsWith("GenuineIntel", StringComparison.Ordinal));
        Assert.Contains($"bypassed {!keep}\n", output);
        Assert.Contains($"intel {(keep && !isIntel ? 0 : 1)}\n", output);
    }

    [Fact]
    public void MatrixProductsWithTheKernelsChosenAreRight()
    {
        TorchRuntime.EnsureInitialized();
        var random = new Random(3);
        var (rows, inner, columns) = (257, 129, 65);
        var left = Enumerable.Range(0, rows * inner).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var right = Enumerable.Range(0, inner * columns).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        using var product = mm(tensor(left).reshape(rows, inner), tensor(right).reshape(inner, columns));
        var values = product.data<float>().ToArray();

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var expected = Enumerable.Range(0, inner).Sum(k => (double)left[i * inner + k] * right[k * columns + j]);
                Assert.True(Math.Abs(values[i * columns + j] - expected) < 1e-4, $"({i}, {j}): {values[i * columns + j]} against {expected}");
            }
        }
    }

    /// <summary>The child of <see cref="MklsVendorCheckAnswersYesUnlessKept"/>: whether the check was bypassed and what MKL's vendor check now answers.</summary>
    internal static unsafe int Probe()
    {
        TorchRuntime.EnsureInitialized();
        var check = (delegate* unmanaged<int>)NativeLibrary.GetExport(NativeLibrary.Load("libtorch_cpu.so"), "mkl_serv_intel_cpu_true");
        Console.Out.WriteLine($"bypassed {MklVendorCheck.IsBypassed}");
        Console.Out.WriteLine($"intel {check()}");
        return 0;
    }
}
