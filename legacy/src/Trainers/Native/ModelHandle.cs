using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Owns one native <c>ae_model</c>.</summary>
internal sealed class ModelHandle : SafeHandle
{
    public ModelHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => ModelNativeMethods.Free(handle) == NativeStatus.Ok;
}
