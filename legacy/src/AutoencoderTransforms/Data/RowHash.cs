namespace Autoencoders.Data;

/// <summary>
/// A seeded hash of a row's position (or of a value it holds), uniform in [0, 1): the same row gets
/// the same value on every pass, and in every process.
/// </summary>
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

    /// <summary>A stable 64-bit FNV-1a hash of a scalar cell's value (text by its UTF-16 code units), to use as <see cref="Unit"/>'s position.</summary>
    public static long OfValue(object value)
    {
        var hash = 0xCBF29CE484222325UL;
        void Mix(ulong bits, int bytes)
        {
            for (var i = 0; i < bytes; i++, bits >>= 8)
            {
                hash = unchecked((hash ^ (bits & 0xFF)) * 0x100000001B3UL);
            }
        }

        switch (value)
        {
            case string text: foreach (var c in text) Mix(c, 2); break;
            case float number: Mix(BitConverter.SingleToUInt32Bits(number), 4); break;
            case int number: Mix((uint)number, 4); break;
            case uint key: Mix(key, 4); break;
            case bool flag: Mix(flag ? 1UL : 0UL, 1); break;
            default: throw new ArgumentException($"Values of {value.GetType().Name} cannot be hashed.", nameof(value));
        }

        return unchecked((long)hash);
    }
}
