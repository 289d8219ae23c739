using System.Runtime.InteropServices;
using System.Text;

namespace Autoencoders.Trainers;

/// <summary>
/// The MPI C functions data-parallel training needs, resolved at run time from the installed
/// library (Open MPI or MPICH and the MPICH-compatible ones): nothing of MPI is loaded unless a
/// training asks for more than one rank. The two families share the functions' names but not their
/// handles: Open MPI's communicator, types and operations are addresses of exported objects, MPICH's
/// are fixed integers, and each has its own in-place marker. The process initializes MPI once and
/// finalizes it when it exits, unless the program had initialized it itself.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    private const int ThreadSerialized = 2;
    private const int Success = 0;

    private static readonly object Gate = new();
    private static MpiLibrary? _loaded;

    private readonly delegate* unmanaged<nint, int*, int> _commRank;
    private readonly delegate* unmanaged<nint, int*, int> _commSize;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> _broadcast;
    private readonly delegate* unmanaged<nint, int, int> _abort;

    private MpiLibrary(nint library, string name)
    {
        Name = name;
        _commRank = (delegate* unmanaged<nint, int*, int>)Function(library, "MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)Function(library, "MPI_Comm_size");
        _allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Function(library, "MPI_Allreduce");
        _broadcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Function(library, "MPI_Bcast");
        _abort = (delegate* unmanaged<nint, int, int>)Function(library, "MPI_Abort");
        Version = LibraryVersion(library);
        if (NativeLibrary.TryGetExport(library, "ompi_mpi_comm_world", out var world))
        {
            (World, Float, Double, Byte, Sum, Max, InPlace) = (world, Function(library, "ompi_mpi_float"), Function(library, "ompi_mpi_double"),
                Function(library, "ompi_mpi_byte"), Function(library, "ompi_mpi_op_sum"), Function(library, "ompi_mpi_op_max"), 1);
        }
        else if (Version.Contains("MPICH", StringComparison.OrdinalIgnoreCase) || Version.Contains("Intel(R) MPI", StringComparison.Ordinal))
        {
            (World, Float, Double, Byte, Sum, Max, InPlace) = (0x44000000, 0x4c00040a, 0x4c00080b, 0x4c00010d, 0x58000003, 0x58000001, -1);
        }
        else
        {
            throw new DllNotFoundException($"'{name}' is an MPI library of a kind this library does not know ({Version.Trim()}); Open MPI and MPICH (and MPICH's relatives) are supported.");
        }

        int initialized;
        Check(((delegate* unmanaged<int*, int>)Function(library, "MPI_Initialized"))(&initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            int provided;
            Check(((delegate* unmanaged<int*, byte***, int, int*, int>)Function(library, "MPI_Init_thread"))(null, null, ThreadSerialized, &provided), "MPI_Init_thread");
            var finalize = (delegate* unmanaged<int>)Function(library, "MPI_Finalize");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => finalize();
        }
    }

    /// <summary>The library's file name or path as it was loaded.</summary>
    public string Name { get; }

    /// <summary>What the library says it is (MPI_Get_library_version).</summary>
    public string Version { get; }

    private nint World { get; }

    private nint Float { get; }

    private nint Double { get; }

    private nint Byte { get; }

    private nint Sum { get; }

    private nint Max { get; }

    private nint InPlace { get; }

    /// <summary>
    /// The process's MPI, loaded and initialized on first use from <paramref name="library"/> (or, when
    /// null, the first of Open MPI's and MPICH's libraries the system has). Later calls return the
    /// same one, whatever they name: a process has one MPI.
    /// </summary>
    /// <exception cref="DllNotFoundException">No MPI library could be loaded; the message says what to install.</exception>
    public static MpiLibrary Load(string? library)
    {
        lock (Gate)
        {
            if (_loaded is not null)
            {
                return _loaded;
            }

            string[] candidates = library is null ? ["libmpi.so.40", "libmpich.so.12", "libmpi.so.12"] : [library];
            foreach (var candidate in candidates)
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return _loaded = new MpiLibrary(handle, candidate);
                }
            }

            throw new DllNotFoundException(
                $"Distributed training needs an MPI library, and none of {string.Join(", ", candidates)} could be loaded. " +
                "Install Open MPI (Debian and Ubuntu: apt-get install openmpi-bin) or MPICH (apt-get install mpich), and start the ranks with mpirun.");
        }
    }

    /// <summary>This process's rank in MPI's world.</summary>
    public int Rank
    {
        get
        {
            int rank;
            Check(_commRank(World, &rank), "MPI_Comm_rank");
            return rank;
        }
    }

    /// <summary>How many processes MPI's world holds.</summary>
    public int Size
    {
        get
        {
            int size;
            Check(_commSize(World, &size), "MPI_Comm_size");
            return size;
        }
    }

    /// <summary>Replaces every value with its sum over all ranks.</summary>
    public void SumInPlace(Span<float> values) => AllreduceInPlace(values, Float, Sum);

    /// <summary>Replaces every value with its sum over all ranks.</summary>
    public void SumInPlace(Span<double> values) => AllreduceInPlace(values, Double, Sum);

    /// <summary>Replaces every value with its largest over all ranks.</summary>
    public void MaxInPlace(Span<double> values) => AllreduceInPlace(values, Double, Max);

    /// <summary>Gives every rank <paramref name="root"/>'s bytes.</summary>
    public void Broadcast(Span<byte> bytes, int root)
    {
        fixed (byte* pointer = bytes)
        {
            for (var start = 0; start < bytes.Length; start += MaxCount)
            {
                Check(_broadcast(pointer + start, Math.Min(MaxCount, bytes.Length - start), Byte, root, World), "MPI_Bcast");
            }
        }
    }

    /// <summary>Ends every rank of the job with <paramref name="errorCode"/> (MPI_Abort); does not return.</summary>
    public void Abort(int errorCode)
    {
        _abort(World, errorCode);
        Environment.Exit(errorCode);
    }

    /// <summary>Elements per MPI call, which counts them in an int.</summary>
    private const int MaxCount = 1 << 30;

    private void AllreduceInPlace<T>(Span<T> values, nint type, nint operation)
        where T : unmanaged
    {
        fixed (T* pointer = values)
        {
            for (var start = 0; start < values.Length; start += MaxCount)
            {
                Check(_allreduce((void*)InPlace, pointer + start, Math.Min(MaxCount, values.Length - start), type, operation, World), "MPI_Allreduce");
            }
        }
    }

    private static nint Function(nint library, string name) => NativeLibrary.TryGetExport(library, name, out var address)
        ? address
        : throw new DllNotFoundException($"The MPI library has no '{name}'.");

    private static string LibraryVersion(nint library)
    {
        if (!NativeLibrary.TryGetExport(library, "MPI_Get_library_version", out var function))
        {
            return "";
        }

        var buffer = new byte[8192];
        int length;
        fixed (byte* text = buffer)
        {
            ((delegate* unmanaged<byte*, int*, int>)function)(text, &length);
        }

        return Encoding.UTF8.GetString(buffer, 0, Math.Clamp(length, 0, buffer.Length));
    }

    private static void Check(int status, string function)
    {
        if (status != Success)
        {
            throw new InvalidOperationException($"{function} failed with MPI error {status}.");
        }
    }
}
