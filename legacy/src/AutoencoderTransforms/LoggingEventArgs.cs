namespace Autoencoders;

/// <summary>One message a component sends to <see cref="MLContext.Log"/>, as ML.NET's.</summary>
public sealed class LoggingEventArgs : EventArgs
{
    /// <summary>A message from <paramref name="source"/>.</summary>
    public LoggingEventArgs(string message, ChannelMessageKind kind, string source)
    {
        RawMessage = message;
        Kind = kind;
        Source = source;
    }

    /// <summary>The message as printed: "[Source] Kind: text".</summary>
    public string Message => $"[{Source}] {Kind}: {RawMessage}";

    /// <summary>The text alone.</summary>
    public string RawMessage { get; }

    /// <summary>How much it matters.</summary>
    public ChannelMessageKind Kind { get; }

    /// <summary>The component that sent it, e.g. "LoadImages".</summary>
    public string Source { get; }
}

/// <summary>How much a <see cref="LoggingEventArgs"/> message matters.</summary>
public enum ChannelMessageKind
{
    /// <summary>Detail for tracing.</summary>
    Trace,

    /// <summary>Progress and facts.</summary>
    Info,

    /// <summary>Something the user should know: work went on, but differently than asked (e.g. a row skipped).</summary>
    Warning,

    /// <summary>A failure.</summary>
    Error,
}
