namespace Autoencoders;

/// <summary>Looking at the first rows of a view, as ML.NET's <c>Preview</c> does.</summary>
public static class DebuggerExtensions
{
    /// <summary>Reads up to <paramref name="maxRows"/> rows of every column into memory (a pass over only those rows).</summary>
    /// <param name="data">The view.</param>
    /// <param name="maxRows">The most rows read. Defaults to 100, as in ML.NET.</param>
    public static DataDebuggerPreview Preview(this IDataView data, int maxRows = 100) => new(data, maxRows);
}
