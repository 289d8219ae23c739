namespace Autoencoders.Transforms;

/// <summary>
/// Per-feature minimum, maximum, mean and population standard deviation of the finite values seen
/// (or, for the log variant, of the logarithms of the positive ones), in one pass (Welford's update).
/// </summary>
internal sealed class FeatureStatistics
{
    private readonly long[] _counts;
    private readonly double[] _squaredDeviations;

    public FeatureStatistics(int width, bool useLog)
    {
        UseLog = useLog;
        _counts = new long[width];
        _squaredDeviations = new double[width];
        Mean = new double[width];
        Min = Enumerable.Repeat(double.PositiveInfinity, width).ToArray();
        Max = Enumerable.Repeat(double.NegativeInfinity, width).ToArray();
    }

    public bool UseLog { get; }

    public double[] Min { get; }

    public double[] Max { get; }

    public double[] Mean { get; }

    public double[] StandardDeviation => _squaredDeviations.Select((sum, i) => _counts[i] == 0 ? 0 : Math.Sqrt(sum / _counts[i])).ToArray();

    /// <summary>Adds rows of values, row after row.</summary>
    public void Add(ReadOnlySpan<float> rows)
    {
        var width = Mean.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            var feature = i % width;
            double value = UseLog ? Math.Log(rows[i]) : rows[i];
            if (!double.IsFinite(value))
            {
                continue;
            }

            var count = ++_counts[feature];
            var delta = value - Mean[feature];
            Mean[feature] += delta / count;
            _squaredDeviations[feature] += delta * (value - Mean[feature]);
            Min[feature] = Math.Min(Min[feature], value);
            Max[feature] = Math.Max(Max[feature], value);
        }
    }
}
