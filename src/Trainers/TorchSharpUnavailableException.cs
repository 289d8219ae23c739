namespace Autoencoders.Trainers;

/// <summary>TorchSharp's native engine cannot be loaded in this process; the message names the cause.</summary>
public sealed class TorchSharpUnavailableException : InvalidOperationException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What failed and why.</param>
    /// <param name="inner">The loader's own error.</param>
    public TorchSharpUnavailableException(string message, Exception? inner) : base(message, inner)
    {
    }
}
