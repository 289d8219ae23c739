using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Owns one native <c>ae_trainer</c> (which shares ownership of its model).</summary>
internal sealed class TrainerHandle : SafeHandle
{
    public TrainerHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => TrainerNativeMethods.Free(handle) == NativeStatus.Ok;
}
