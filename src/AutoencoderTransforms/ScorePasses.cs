namespace Autoencoders.Transforms;

/// <summary>
/// Scores that can be read more than once: the first pass computes them and keeps them while they are
/// few (<see cref="KeptScores"/>), and later passes replay what was kept; more than that, each pass
/// computes them again, so that memory stays bounded however many rows there are.
/// </summary>
internal sealed class ScorePasses(Func<IEnumerable<float[]>> compute)
{
    /// <summary>The most scores kept in memory for later passes (64 MiB).</summary>
    public const int KeptScores = 1 << 24;

    private List<float[]>? _kept;

    /// <summary>One pass over the scores, in chunks.</summary>
    public IEnumerable<float[]> Read()
    {
        if (_kept is { } kept)
        {
            foreach (var chunk in kept)
            {
                yield return chunk;
            }

            yield break;
        }

        var keeping = new List<float[]>();
        var count = 0L;
        foreach (var chunk in compute())
        {
            count += chunk.Length;
            keeping?.Add(chunk);
            if (count > KeptScores)
            {
                keeping = null;
            }

            yield return chunk;
        }

        if (keeping is not null)
        {
            _kept = keeping;
        }
    }
}
