namespace Autoencoders.Data;

/// <summary>A seeded hash of a row's position, uniform in [0, 1): the same row gets the same value on every pass.</summary>
internal static class RowHash
{
    /// <summary>SplitMix64 of the key and position, scaled to [0, 1).</summary>
    public static double Unit(ulong key, long position)
    {
        var z = unchecked(key * 0x9E3779B97F4A7C15UL + (ulong)position + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
