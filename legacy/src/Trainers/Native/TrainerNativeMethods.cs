using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/trainer_api.cpp.</summary>
internal static unsafe partial class TrainerNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Create(ModelHandle model, string optionsJson, out TrainerHandle trainer);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_free")]
    public static partial int Free(IntPtr trainer);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_run_epoch")]
    public static partial int RunEpoch(
        TrainerHandle trainer, float* x, long rows, long columns,
        delegate* unmanaged[Cdecl]<IntPtr, long, long, float, int> callback, IntPtr userData,
        out float meanLoss, out long batchesRun, out long rowsRun);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_sum_over_ranks")]
    public static partial int SumOverRanks(TrainerHandle trainer, double* values, long count);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_evaluate")]
    public static partial int Evaluate(TrainerHandle trainer, float* x, long rows, long columns, out float loss);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_save_checkpoint_to_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SaveCheckpointToBuffer(TrainerHandle trainer, IntPtr best, string headerJson, out byte* data, out long length);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_checkpoint_read_header", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ReadCheckpointHeader(string path, byte* buffer, long capacity, out long length);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_trainer_restore_checkpoint", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RestoreCheckpoint(TrainerHandle trainer, IntPtr best, string path);
}
