using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Autoencoders.Trainers.Native;

/// <summary>
/// Loads the native libraries this assembly calls (the shim and XGBoost) as the runtime would, and
/// when one cannot be loaded, fails with a message that names the library missing from the machine
/// and gives the apt line installing the runtime packages, rather than a bare DllNotFoundException.
/// </summary>
internal static partial class NativeDependencies
{
    /// <summary>Installs the Debian 12 (bookworm) runtime packages the native libraries need.</summary>
    public const string AptLine = "sudo apt-get install libtorch1.13 libopenblas0-openmp libxgboost0 libopencv-imgcodecs406";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before this assembly's first native call, whichever type makes it.")]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeDependencies).Assembly, Load);

    /// <summary>Loads <paramref name="libraryName"/> with the runtime's own search, explaining a failure.</summary>
    public static IntPtr Load(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        try
        {
            return NativeLibrary.Load(libraryName, assembly, searchPath);
        }
        catch (DllNotFoundException failure)
        {
            throw Explain(libraryName, failure);
        }
    }

    /// <summary>
    /// The loader's message names each file it could not open: the candidates for the library itself
    /// (not found there) and, where the library was found, the dependency that stopped it.
    /// </summary>
    private static DllNotFoundException Explain(string libraryName, DllNotFoundException failure)
    {
        var candidates = new[] { libraryName, $"lib{libraryName}", $"{libraryName}.so", $"lib{libraryName}.so" }.Select(Path.GetFileName).ToHashSet();
        var missing = UnopenedFile().Matches(failure.Message).Select(match => match.Groups[1].Value)
            .Where(file => !candidates.Contains(file)).Distinct().ToList();
        var cause = missing.Count switch
        {
            0 => $"the native library '{libraryName}' could not be loaded",
            1 => $"the native library '{libraryName}' needs {missing[0]}, which is not installed",
            _ => $"the native library '{libraryName}' needs {string.Join(", ", missing)}, which are not installed",
        };
        return new DllNotFoundException(
            $"Autoencoders cannot start: {cause}. It runs on linux-x64 with Debian 12's libtorch, OpenBLAS, XGBoost and OpenCV; install them with: {AptLine}. The loader said: {failure.Message}",
            failure);
    }

    [GeneratedRegex(@"([^\s:/]+\.so[^\s:]*): cannot open shared object file")]
    private static partial Regex UnopenedFile();
}
