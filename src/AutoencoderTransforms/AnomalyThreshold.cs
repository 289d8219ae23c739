namespace Autoencoders.Transforms;

/// <summary>
/// The detector's decision thresholds chosen from scores, read in passes (<see cref="ScorePasses"/>)
/// and selected exactly by <see cref="ScoreOrderStatistics"/>, however many there are.
/// </summary>
internal static class AnomalyThreshold
{
    /// <summary>
    /// The threshold above which at most a <paramref name="share"/> of the scores lie: midway between
    /// the highest score kept normal and the lowest flagged, so that no score lies on it and another
    /// engine's rounding (ONNX Runtime's, after loading) cannot flip a decision.
    /// </summary>
    public static float UpperQuantile(ScorePasses scores, float share)
    {
        var (_, kept) = ScoreOrderStatistics.Select(scores.Read, count =>
        {
            var highestKept = count - 1 - (long)Math.Floor(share * (double)count);
            return [highestKept, highestKept + 1];
        });
        return (float)((kept[0] + (double)kept[1]) / 2);
    }

    /// <summary>
    /// The median of the scores plus <paramref name="deviations"/> scaled median absolute deviations;
    /// where more than half the scores tie (no spread about the median), the mean absolute deviation
    /// (scaled by sqrt(pi / 2)) stands in.
    /// </summary>
    public static float RobustUpperFence(ScorePasses scores, float deviations)
    {
        var median = Median(scores.Read);
        IEnumerable<float[]> AbsoluteDeviations() => scores.Read().Select(chunk => Array.ConvertAll(chunk, score => (float)Math.Abs(score - median)));
        var spread = 1.4826 * Median(AbsoluteDeviations);
        if (spread == 0)
        {
            var (sum, count) = (0.0, 0L);
            foreach (var chunk in AbsoluteDeviations())
            {
                sum += chunk.Sum(deviation => (double)deviation);
                count += chunk.Length;
            }

            spread = Math.Sqrt(Math.PI / 2) * sum / count;
        }

        return (float)(median + deviations * spread);
    }

    private static double Median(Func<IEnumerable<float[]>> values)
    {
        var (_, middle) = ScoreOrderStatistics.Select(values, count => [(count - 1) / 2, count / 2]);
        return (middle[0] + (double)middle[1]) / 2;
    }
}
