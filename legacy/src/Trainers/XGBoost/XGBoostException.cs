using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.XGBoost;

/// <summary>XGBoost reported an error; the message is XGBoost's own.</summary>
public sealed class XGBoostException : Exception
{
    /// <summary>Creates the exception with XGBoost's message.</summary>
    public XGBoostException(string nativeMessage) : base($"XGBoost failed: {nativeMessage}") => NativeMessage = nativeMessage;

    /// <summary>XGBoost's message.</summary>
    public string NativeMessage { get; }

    /// <summary>Throws with XGBoost's last error unless <paramref name="status"/> is 0.</summary>
    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new XGBoostException(Marshal.PtrToStringUTF8(XGBoostNativeMethods.GetLastError()) ?? "");
        }
    }
}
