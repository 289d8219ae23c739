using Autoencoders.Trainers.Native;

namespace Autoencoders.Tests;

public class NativeDependenciesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("native-dependencies-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ALibraryWhoseDependencyIsNotInstalledNamesThatDependencyAndTheAptLine()
    {
        // A library linked against another that is then removed, as when a runtime package is not installed.
        File.WriteAllText(Path.Combine(_directory, "dependency.cpp"), "extern \"C\" int dependency_value() { return 1; }");
        File.WriteAllText(Path.Combine(_directory, "library.cpp"), "extern \"C\" int dependency_value(); extern \"C\" int library_value() { return dependency_value(); }");
        Compile("dependency.cpp", "libaetestdependency.so");
        Compile("library.cpp", "libaetestlibrary.so", "-L.", "-laetestdependency");
        File.Delete(Path.Combine(_directory, "libaetestdependency.so"));

        var failure = Assert.Throws<DllNotFoundException>(() =>
            NativeDependencies.Load(Path.Combine(_directory, "libaetestlibrary.so"), typeof(NativeDependencies).Assembly, null));
        Assert.Contains("needs libaetestdependency.so, which is not installed", failure.Message);
        Assert.Contains(NativeDependencies.AptLine, failure.Message);
        Assert.IsType<DllNotFoundException>(failure.InnerException);
    }

    [Fact]
    public void AMissingLibraryIsNotMistakenForAMissingDependency()
    {
        var failure = Assert.Throws<DllNotFoundException>(() => NativeDependencies.Load("aetestnowhere", typeof(NativeDependencies).Assembly, null));
        Assert.Contains("the native library 'aetestnowhere' could not be loaded", failure.Message);
        Assert.Contains(NativeDependencies.AptLine, failure.Message);
    }

    [Fact]
    public void TheLibrariesThisMachineHasLoad()
    {
        Assert.NotEqual(IntPtr.Zero, NativeDependencies.Load("aeshim", typeof(NativeDependencies).Assembly, null));
        Assert.NotEqual(IntPtr.Zero, NativeDependencies.Load("libxgboost.so.0", typeof(NativeDependencies).Assembly, null));
    }

    private void Compile(string source, string output, params string[] libraries) =>
        ExternalCommand.RunToSuccess("g++", ["-shared", "-fPIC", "-o", output, source, .. libraries], TimeSpan.FromMinutes(1), _directory);
}
