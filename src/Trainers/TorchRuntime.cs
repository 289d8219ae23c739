using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Autoencoders.Trainers;

/// <summary>
/// The process's TorchSharp runtime: loaded once, with a clear error naming the cause when it cannot
/// be, and its thread count set once from <see cref="ThreadsVariable"/>, else OpenMP's
/// <c>OMP_NUM_THREADS</c>, else the processor count; MKL chooses its matrix kernels by instruction
/// set rather than vendor (<see cref="MklVendorCheck"/>); glibc's allocator is set for training's
/// short-lived tensors (<see cref="NativeHeap"/>).
/// </summary>
public static class TorchRuntime
{
    /// <summary>The environment variable that sets the engine's thread count (a positive integer).</summary>
    public const string ThreadsVariable = "AUTOENCODERS_NUM_THREADS";

    private const string OpenMpThreadsVariable = "OMP_NUM_THREADS";

    private const string NativeLibraryName = "libLibTorchSharp.so";

    private static readonly Lazy<bool> Initialized = new(Initialize);

    /// <summary>Threads the engine uses for one operation (intra-op parallelism).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public static int NumberOfThreads
    {
        get
        {
            EnsureInitialized();
            return torch.get_num_threads();
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(NumberOfThreads));
            EnsureInitialized();
            torch.set_num_threads(value);
        }
    }

    /// <summary>The version of libtorch TorchSharp runs on.</summary>
    public static string TorchVersion
    {
        get
        {
            EnsureInitialized();
            return torch.__version__;
        }
    }

    /// <summary>Loads TorchSharp and sets the thread count, once per process.</summary>
    /// <exception cref="TorchSharpUnavailableException">TorchSharp's native library cannot be loaded; the message says why.</exception>
    internal static void EnsureInitialized() => _ = Initialized.Value;

    private static bool Initialize()
    {
        if (FindLoadFailure() is { } failure)
        {
            throw failure;
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TorchSharpUnavailableException($"TorchSharp could not start libtorch: {e.Message}", e);
        }

        MklVendorCheck.ChooseKernelsByInstructionSet();
        torch.set_num_threads(ConfiguredThreads());
        NativeHeap.RetainFreedMemory();
        return true;
    }

    /// <summary>
    /// The thread count to use: <see cref="ThreadsVariable"/> when set, else the first count of
    /// <c>OMP_NUM_THREADS</c> (OpenMP's variable may list one per nesting level, "4,2"), else the processor count.
    /// </summary>
    private static int ConfiguredThreads()
    {
        var configured = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return int.TryParse(configured, out var threads) && threads >= 1
                ? threads
                : throw new InvalidOperationException($"{ThreadsVariable} must be a positive integer, not '{configured}'.");
        }

        return int.TryParse(Environment.GetEnvironmentVariable(OpenMpThreadsVariable)?.Split(',')[0], out var openMp) && openMp >= 1
            ? openMp
            : Environment.ProcessorCount;
    }

    /// <summary>
    /// Tries to load TorchSharp's native library where the build put it, before TorchSharp does:
    /// when that fails, TorchSharp reports a missing package and copies its native files around,
    /// hiding the loader's own reason. Null when it loads, or where the file is not found beside
    /// the application (TorchSharp then looks for it its own way).
    /// </summary>
    internal static TorchSharpUnavailableException? FindLoadFailure()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory;
        var candidates = new[]
        {
            Path.Combine(folder, NativeLibraryName),
            Path.Combine(folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", NativeLibraryName),
        };
        return candidates.FirstOrDefault(File.Exists) is { } path ? DiagnoseLoad(path) : null;
    }

    /// <summary>Loads the native library at <paramref name="path"/>; null when it loads, else an error that says why it did not.</summary>
    internal static TorchSharpUnavailableException? DiagnoseLoad(string path)
    {
        try
        {
            NativeLibrary.Load(path);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            var hint = e.Message.Contains("GLIBCXX_", StringComparison.Ordinal)
                ? " This system's libstdc++ is older than the one TorchSharp was built with. The build marks the needs it does not use weak " +
                  "(Autoencoders.Trainers.targets, property AutoencodersTorchSharpLoadFix): build the application on this system, or with " +
                  "AutoencodersTorchSharpLoadFix=Always when it is built elsewhere; or install a newer libstdc++6."
                : e.Message.Contains("libtorch", StringComparison.Ordinal)
                    ? " libtorch's own libraries are missing beside it: reference the libtorch-cpu-linux-x64 package (or TorchSharp-cpu)."
                    : "";
            return new TorchSharpUnavailableException($"TorchSharp's native library {path} cannot be loaded: {e.Message}.{hint}", e);
        }
    }
}
