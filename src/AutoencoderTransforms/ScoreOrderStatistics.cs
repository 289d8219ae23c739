namespace Autoencoders.Transforms;

/// <summary>
/// Exact order statistics (the k-th smallest score) of scores read in passes, in memory that does not
/// grow with their count, so that a threshold over more than 2^31 rows is as exact as over a few.
/// Each float's bits, flipped to sort as the floats do, are selected 16 bits at a time: one pass
/// counts the scores and the high halves, a second the low halves within the wanted high halves.
/// </summary>
internal static class ScoreOrderStatistics
{
    private const int Buckets = 1 << 16;

    /// <summary>
    /// The scores of one pass over <paramref name="read"/> at the 0-based sorted positions
    /// <paramref name="positions"/> gives for their count; the count with them.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no scores, or a pass gives another count than the first.</exception>
    public static (long Count, float[] Values) Select(Func<IEnumerable<float[]>> read, Func<long, long[]> positions)
    {
        var high = new long[Buckets];
        var count = 0L;
        foreach (var chunk in read())
        {
            foreach (var score in chunk)
            {
                high[Key(score) >> 16]++;
            }

            count += chunk.Length;
        }

        if (count == 0)
        {
            throw new InvalidOperationException("There are no scores to choose a threshold from.");
        }

        var wanted = positions(count).Select(position => Math.Clamp(position, 0, count - 1)).ToArray();
        var located = wanted.Select(position => Locate(high, position)).ToArray();
        var buckets = located.Select(place => place.Bucket).Distinct().ToArray();
        var low = buckets.Select(_ => new long[Buckets]).ToArray();
        var recount = 0L;
        foreach (var chunk in read())
        {
            foreach (var score in chunk)
            {
                var key = Key(score);
                var bucket = Array.IndexOf(buckets, (int)(key >> 16));
                if (bucket >= 0)
                {
                    low[bucket][key & 0xFFFF]++;
                }
            }

            recount += chunk.Length;
        }

        if (recount != count)
        {
            throw new InvalidOperationException($"A second pass over the scores gave {recount} of them where the first gave {count}.");
        }

        return (count, located.Select(place => Value(((uint)place.Bucket << 16) | (uint)Locate(low[Array.IndexOf(buckets, place.Bucket)], place.Within).Bucket)).ToArray());
    }

    /// <summary>The bucket holding the <paramref name="position"/>-th smallest counted value, and its position among the bucket's.</summary>
    private static (int Bucket, long Within) Locate(long[] counts, long position)
    {
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            if (position < counts[bucket])
            {
                return (bucket, position);
            }

            position -= counts[bucket];
        }

        throw new InvalidOperationException("The scores changed between passes.");
    }

    /// <summary>The bits of <paramref name="value"/> as an unsigned number that orders as the floats do (negative below positive).</summary>
    private static uint Key(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000) != 0 ? ~bits : bits | 0x8000_0000;
    }

    private static float Value(uint key) => BitConverter.UInt32BitsToSingle((key & 0x8000_0000) != 0 ? key & 0x7FFF_FFFF : ~key);
}
