using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

internal static class NativeStatus
{
    public const int Ok = 0;

    /// <summary>Throws <see cref="AutoencoderNativeException"/> with the shim's message unless <paramref name="status"/> is ok.</summary>
    public static void Check(int status)
    {
        if (status != Ok)
        {
            throw new AutoencoderNativeException(status, Marshal.PtrToStringUTF8(RuntimeNativeMethods.LastError()) ?? "");
        }
    }

    /// <summary>
    /// Checks <paramref name="status"/>, then writes the bytes the shim handed out to
    /// <paramref name="destination"/> (they are valid only until the thread's next hand-out).
    /// </summary>
    public static unsafe void WriteHandedOut(int status, byte* data, long length, Stream destination)
    {
        Check(status);
        for (long offset = 0; offset < length; offset += int.MaxValue)
        {
            destination.Write(new ReadOnlySpan<byte>(data + offset, (int)Math.Min(int.MaxValue, length - offset)));
        }
    }

    /// <summary>Reads a string the shim returns through the (buffer, capacity, length) pattern.</summary>
    public static unsafe string ReadString(Func<IntPtr, long, (int Status, long Length)> call)
    {
        var (status, length) = call(IntPtr.Zero, 0);
        Check(status);
        var buffer = new byte[length + 1];
        fixed (byte* pointer = buffer)
        {
            (status, _) = call((IntPtr)pointer, buffer.Length);
        }
        Check(status);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length);
    }
}
