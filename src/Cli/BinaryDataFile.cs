namespace Autoencoders.Cli;

/// <summary>Tells ML.NET's binary data files (<c>mlContext.Data.SaveAsBinary</c>, ".idv") from CSV files, by the signature they start with.</summary>
internal static class BinaryDataFile
{
    /// <summary>The first eight bytes of every file ML.NET's binary saver writes.</summary>
    private static ReadOnlySpan<byte> Signature => "CML\0DVB\0"u8;

    /// <summary>Whether <paramref name="path"/> starts with ML.NET's binary signature.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool Is(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[8];
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Signature);
    }
}
