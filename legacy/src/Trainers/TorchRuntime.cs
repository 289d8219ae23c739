using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// Process-wide settings of the libtorch engine. The engine uses every core by default (Debian's
/// libtorch alone would use one); set <see cref="NumberOfThreads"/> or the environment variable
/// <c>AUTOENCODERS_NUM_THREADS</c> to change that. Where only <c>OMP_NUM_THREADS</c> is set, it is
/// honoured, as PyTorch honours it: torchrun sets it to 1 for each process it starts, so that
/// ranks sharing a machine do not each take every core.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The environment variable that overrides the default thread count.</summary>
    public const string ThreadsVariable = "AUTOENCODERS_NUM_THREADS";

    /// <summary>OpenMP's thread count variable, the default where <see cref="ThreadsVariable"/> is not set.</summary>
    private const string OpenMpThreadsVariable = "OMP_NUM_THREADS";

    private static readonly Lazy<bool> Initialized = new(Initialize);

    /// <summary>Threads the engine uses for one operation. Defaults to the number of cores (or OMP_NUM_THREADS where it is set).</summary>
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

    /// <summary>
    /// Whether training tunes glibc's allocator for speed. Before the first training in the process,
    /// the engine raises malloc's mmap and trim thresholds (to 1 GB each) so that the buffers
    /// every batch frees stay mapped for the next one instead of going back to the kernel and being
    /// faulted in again, which took over half the time of small-batch training and of
    /// convolutional training on larger images (bench/RESULTS.md). Memory a training freed then stays
    /// in the process, up to its peak.
    /// The setting is process-wide and stays once applied; loading models and scoring never apply
    /// it. Defaults to true. Set false before training where the process's memory footprint
    /// matters more than training speed (a web server that also trains); glibc's own variables
    /// (MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_, MALLOC_TOP_PAD_, GLIBC_TUNABLES), when set,
    /// always win.
    /// </summary>
    public static bool TuneAllocatorForTraining { get; set; } = true;

    /// <summary>Whether training has applied the allocator settings in this process (see <see cref="TuneAllocatorForTraining"/>).</summary>
    public static bool AllocatorTuned { get; private set; }

    private static readonly object AllocatorLock = new();

    /// <summary>What every training calls before it starts: the runtime's checks, then the allocator settings when asked for.</summary>
    internal static void PrepareForTraining()
    {
        EnsureInitialized();
        lock (AllocatorLock)
        {
            if (!TuneAllocatorForTraining || AllocatorTuned) return;
            NativeStatus.Check(RuntimeNativeMethods.TuneAllocatorForTraining(out var applied));
            AllocatorTuned = applied != 0;
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

        // OpenMP's variable may list a count per nesting level ("4,2"); the first is the engine's.
        var threads = int.TryParse(Environment.GetEnvironmentVariable(OpenMpThreadsVariable)?.Split(',')[0], out var openMp) && openMp >= 1
            ? openMp
            : Environment.ProcessorCount;
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
