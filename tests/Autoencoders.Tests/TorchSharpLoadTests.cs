
namespace Autoencoders.Tests;

/// <summary>TorchSharp's native library as the build copies it, and the error when an unfixed copy cannot load.</summary>
public class TorchSharpLoadTests
{
    private static readonly string Copied = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    [Fact]
    public void TheCopiedLibraryLoads()
    {
        Assert.True(File.Exists(Copied), $"{Copied} was not copied beside the tests");
        Assert.Null(TorchRuntime.DiagnoseLoad(Copied));
    }

    [Fact]
    public void AnUnfixedCopyIsRefusedNamingTheMissingLibstdcxxVersion()
    {
        // TorchSharp's own file, as the NuGet cache holds it, beside the fixed copy's libtorch.
        var original = Path.Combine(NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(original), $"{original} is not in the NuGet cache");
        var unfixed = Path.Combine(AppContext.BaseDirectory, $"unfixed-{Guid.NewGuid():N}.so");
        File.Copy(original, unfixed);
        try
        {
            var error = TorchRuntime.DiagnoseLoad(unfixed);
            if (SystemLibstdcxxHas("GLIBCXX_3.4.32"))
            {
                Assert.Null(error);
                return;
            }

            Assert.NotNull(error);
            Assert.Contains("GLIBCXX_3.4.32", error.Message);
            Assert.Contains("AutoencodersTorchSharpLoadFix", error.Message);
            Assert.DoesNotContain("libtorch-cpu-linux-x64", error.Message);
        }
        finally
        {
            File.Delete(unfixed);
        }
    }

    [Fact]
    public void TheFixedCopyDiffersFromTheOriginalOnlyInVersionFlags()
    {
        var original = File.ReadAllBytes(Path.Combine(NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        var copied = File.ReadAllBytes(Copied);
        Assert.Equal(original.Length, copied.Length);
        var differences = Enumerable.Range(0, original.Length).Where(i => original[i] != copied[i]).ToArray();
        if (SystemLibstdcxxHas("GLIBCXX_3.4.32"))
        {
            Assert.Empty(differences);
            return;
        }

        // One byte: the low byte of one Vernaux entry's vna_flags, gaining VER_FLG_WEAK (2).
        var difference = Assert.Single(differences);
        Assert.Equal(original[difference] | 2, copied[difference]);
    }

    private static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static bool SystemLibstdcxxHas(string version)
    {
        var library = new[] { "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.First(File.Exists);
        var bytes = File.ReadAllBytes(library);
        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
