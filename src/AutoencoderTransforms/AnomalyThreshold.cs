namespace Autoencoders.Transforms;

/// <summary>The detector's decision thresholds chosen from scores.</summary>
internal static class AnomalyThreshold
{
    /// <summary>
    /// The threshold above which at most a <paramref name="share"/> of <paramref name="scores"/> lie:
    /// midway between the highest score kept normal and the lowest flagged, so that no score lies on
    /// it and another engine's rounding (ONNX Runtime's, after loading) cannot flip a decision.
    /// </summary>
    public static float UpperQuantile(IReadOnlyCollection<float> scores, float share)
    {
        var sorted = scores.Order().ToArray();
        var index = Math.Clamp(sorted.Length - 1 - (int)Math.Floor(share * (double)sorted.Length), 0, sorted.Length - 1);
        return index + 1 < sorted.Length ? (float)((sorted[index] + (double)sorted[index + 1]) / 2) : sorted[index];
    }

    /// <summary>
    /// The median of <paramref name="scores"/> plus <paramref name="deviations"/> scaled median
    /// absolute deviations; where more than half the scores tie (no spread about the median), the
    /// mean absolute deviation (scaled by sqrt(pi / 2)) stands in.
    /// </summary>
    public static float RobustUpperFence(IReadOnlyCollection<float> scores, float deviations)
    {
        var median = Median(scores.Select(score => (double)score));
        var absoluteDeviations = scores.Select(score => Math.Abs(score - median)).ToArray();
        var spread = 1.4826 * Median(absoluteDeviations);
        if (spread == 0)
        {
            spread = Math.Sqrt(Math.PI / 2) * absoluteDeviations.Average();
        }

        return (float)(median + deviations * spread);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
