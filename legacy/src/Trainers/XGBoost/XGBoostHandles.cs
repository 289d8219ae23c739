using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.XGBoost;

/// <summary>Owns one XGBoost DMatrix.</summary>
internal sealed class DMatrixHandle : SafeHandle
{
    public DMatrixHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => XGBoostNativeMethods.DMatrixFree(handle) == 0;
}

/// <summary>Owns one XGBoost booster.</summary>
internal sealed class BoosterHandle : SafeHandle
{
    public BoosterHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => XGBoostNativeMethods.BoosterFree(handle) == 0;
}
