using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.XGBoost;

/// <summary>The parts of XGBoost's C API (xgboost/c_api.h) this library uses, from libxgboost.so.0 (Debian's runtime package libxgboost0).</summary>
internal static unsafe partial class XGBoostNativeMethods
{
    private const string Library = "libxgboost.so.0";

    [LibraryImport(Library, EntryPoint = "XGBGetLastError")]
    public static partial IntPtr GetLastError();

    [LibraryImport(Library, EntryPoint = "XGDMatrixCreateFromMat")]
    public static partial int DMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out DMatrixHandle matrix);

    [LibraryImport(Library, EntryPoint = "XGDMatrixFree")]
    public static partial int DMatrixFree(IntPtr matrix);

    [LibraryImport(Library, EntryPoint = "XGDMatrixSetFloatInfo", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DMatrixSetFloatInfo(DMatrixHandle matrix, string field, float* values, ulong length);

    [LibraryImport(Library, EntryPoint = "XGBoosterCreate")]
    public static partial int BoosterCreate(IntPtr* matrices, ulong count, out BoosterHandle booster);

    [LibraryImport(Library, EntryPoint = "XGBoosterFree")]
    public static partial int BoosterFree(IntPtr booster);

    [LibraryImport(Library, EntryPoint = "XGBoosterSetParam", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterSetParam(BoosterHandle booster, string name, string value);

    [LibraryImport(Library, EntryPoint = "XGBoosterUpdateOneIter")]
    public static partial int BoosterUpdateOneIter(BoosterHandle booster, int iteration, DMatrixHandle training);

    [LibraryImport(Library, EntryPoint = "XGBoosterPredictFromDMatrix", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterPredictFromDMatrix(BoosterHandle booster, DMatrixHandle matrix, string config,
        out ulong* shape, out ulong dimensions, out float* result);

    [LibraryImport(Library, EntryPoint = "XGBoosterSaveModelToBuffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BoosterSaveModelToBuffer(BoosterHandle booster, string config, out ulong length, out byte* buffer);

    [LibraryImport(Library, EntryPoint = "XGBoosterLoadModelFromBuffer")]
    public static partial int BoosterLoadModelFromBuffer(BoosterHandle booster, byte* buffer, ulong length);
}
