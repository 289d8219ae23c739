namespace Autoencoders.Trainers;

/// <summary>
/// The native engine reported an error. Inputs are validated before they reach native code, so
/// this signals a problem the managed layer cannot see in advance: an unreadable model file,
/// memory exhaustion, or an engine failure. The message is the engine's own.
/// </summary>
public sealed class AutoencoderNativeException : Exception
{
    /// <summary>Creates the exception for a failed shim call.</summary>
    /// <param name="status">The status code the shim returned.</param>
    /// <param name="nativeMessage">The shim's message for the failure.</param>
    public AutoencoderNativeException(int status, string nativeMessage)
        : base($"The autoencoder engine failed: {nativeMessage}")
    {
        Status = status;
        NativeMessage = nativeMessage;
    }

    /// <summary>The status code the shim returned.</summary>
    public int Status { get; }

    /// <summary>The shim's message, for example "ae_model_load: ...".</summary>
    public string NativeMessage { get; }
}
