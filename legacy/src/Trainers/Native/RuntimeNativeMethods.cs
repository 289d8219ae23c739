using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/runtime.cpp.</summary>
internal static unsafe partial class RuntimeNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_last_error")]
    public static partial IntPtr LastError();

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_abi_version")]
    public static partial int AbiVersion(out int version);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_runtime_set_num_threads")]
    public static partial int SetNumThreads(int count);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_runtime_get_num_threads")]
    public static partial int GetNumThreads(out int count);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_runtime_tune_allocator_for_training")]
    public static partial int TuneAllocatorForTraining(out int applied);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_runtime_torch_version")]
    public static partial int TorchVersion(byte* buffer, long capacity, out long length);
}
