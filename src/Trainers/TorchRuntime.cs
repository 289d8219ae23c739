using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// Process-wide settings of the libtorch engine. The engine uses every core by default (Debian's
/// libtorch alone would use one); set <see cref="NumberOfThreads"/> or the environment variable
/// <c>AUTOENCODERS_NUM_THREADS</c> to change that.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The environment variable that overrides the default thread count.</summary>
    public const string ThreadsVariable = "AUTOENCODERS_NUM_THREADS";

    private static readonly Lazy<bool> Initialized = new(Initialize);

    /// <summary>Threads the engine uses for one operation. Defaults to the number of cores.</summary>
    public static int NumberOfThreads
    {
        get
        {
            EnsureInitialized();
            NativeStatus.Check(RuntimeNativeMethods.GetNumThreads(out var count));
            return count;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(NumberOfThreads));
            EnsureInitialized();
            NativeStatus.Check(RuntimeNativeMethods.SetNumThreads(value));
        }
    }

    /// <summary>The libtorch version the native shim was built against.</summary>
    public static unsafe string TorchVersion
    {
        get
        {
            EnsureInitialized();
            return NativeStatus.ReadString((buffer, capacity) =>
                (RuntimeNativeMethods.TorchVersion((byte*)buffer, capacity, out var length), length));
        }
    }

    /// <summary>Checks the shim's ABI and applies the default thread count, once per process.</summary>
    internal static void EnsureInitialized() => _ = Initialized.Value;

    private static bool Initialize()
    {
        NativeStatus.Check(RuntimeNativeMethods.AbiVersion(out var abi));
        if (abi != ShimLibrary.AbiVersion)
        {
            throw new InvalidOperationException(
                $"libaeshim has ABI version {abi} but this assembly needs {ShimLibrary.AbiVersion}; rebuild with ./build.sh native.");
        }

        var threads = Environment.ProcessorCount;
        var configured = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!int.TryParse(configured, out threads) || threads < 1)
            {
                throw new InvalidOperationException($"{ThreadsVariable} must be a positive integer, not '{configured}'.");
            }
        }

        NativeStatus.Check(RuntimeNativeMethods.SetNumThreads(threads));
        return true;
    }
}
