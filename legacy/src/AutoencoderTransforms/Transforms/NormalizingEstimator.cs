namespace Autoencoders.Transforms;

/// <summary>
/// Learns per-feature normalization statistics (min-max, mean-variance or log-mean-variance) with
/// ML.NET's formulas: missing (NaN) and infinite values are left out of the statistics and pass
/// through the transform unchanged.
/// </summary>
public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
{
    /// <summary>The normalization learned.</summary>
    public enum NormalizationMode
    {
        /// <summary>
        /// With fixZero (the default): x / max(|min|, |max|), so zero stays zero and the fitted range
        /// lands in [-1, 1]. Without: (x - min) / (max - min), the fitted range becomes [0, 1].
        /// </summary>
        MinMax,
        /// <summary>
        /// With fixZero (the default): x / sqrt(mean of x²) (unit second moment, zero kept). Without:
        /// (x - mean) / standard deviation. Or, with useCdf, the standard normal CDF of (x - mean) / standard deviation.
        /// </summary>
        MeanVariance,
        /// <summary>The normal CDF of log(x) under the mean and standard deviation of the logs of the positive values; x ≤ 0 maps to 0.</summary>
        LogMeanVariance,
    }

    /// <summary>ML.NET's default for <c>maximumExampleCount</c>: a billion rows, in effect all of them.</summary>
    public const long DefaultMaximumExampleCount = 1_000_000_000;

    internal NormalizingEstimator(string outputColumnName, string? inputColumnName, NormalizationMode mode,
        long maximumExampleCount = DefaultMaximumExampleCount, bool fixZero = true, bool useCdf = false)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumExampleCount, 2);
        if (mode == NormalizationMode.LogMeanVariance && !useCdf)
        {
            throw new NotSupportedException("NormalizeLogMeanVariance supports only useCdf: true (its default).");
        }

        Mode = mode;
        MaximumExampleCount = maximumExampleCount;
        FixZero = fixZero && mode != NormalizationMode.LogMeanVariance;
        UseCdf = useCdf;
    }

    /// <summary>The normalized column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The normalization learned.</summary>
    public NormalizationMode Mode { get; }

    /// <summary>The most rows the statistics are learned from (the first ones).</summary>
    public long MaximumExampleCount { get; }

    /// <summary>Whether zero maps to zero (min-max and mean-variance without CDF).</summary>
    public bool FixZero { get; }

    /// <summary>Whether the output is a normal CDF (values in [0, 1]) instead of an affine map.</summary>
    public bool UseCdf { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SlotwiseMapping.OutputShape(inputSchema, OutputColumnName, InputColumnName);

    /// <inheritdoc />
    public NormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mapping = SlotwiseMapping.Of(input.Schema, OutputColumnName, InputColumnName);
        var width = mapping.Width;
        var statistics = new FeatureStatistics(width, useLog: Mode == NormalizationMode.LogMeanVariance);
        long rows = 0;
        foreach (var block in DataViewReading.Blocks(input, [input.Schema[InputColumnName]]))
        {
            var used = (int)Math.Min(block.RowCount, MaximumExampleCount - rows);
            statistics.Add(block.GetValues<float>(block.Schema[InputColumnName]).Span[..(used * width)]);
            rows += used;
            if (rows == MaximumExampleCount)
            {
                break;
            }
        }

        if (rows == 0)
        {
            throw new ArgumentException($"Column '{InputColumnName}' has no rows to learn normalization from.", nameof(input));
        }

        return Mode == NormalizationMode.MinMax || !UseCdf
            ? new NormalizingTransformer(mapping, Affine(statistics))
            : new NormalizingTransformer(mapping,
                new NormalizingTransformer.CdfNormalizerModelParameters(ToSingle(statistics.Mean), ToSingle(statistics.StandardDeviation), statistics.UseLog));
    }

    private NormalizingTransformer.AffineNormalizerModelParameters Affine(FeatureStatistics statistics)
    {
        var width = statistics.Mean.Length;
        var (scale, offset) = (new float[width], new float[width]);
        for (var i = 0; i < width; i++)
        {
            (scale[i], offset[i]) = Mode == NormalizationMode.MinMax
                ? MinMax(statistics.Min[i], statistics.Max[i])
                : MeanVariance(statistics.Mean[i], statistics.StandardDeviation[i]);
        }

        return new NormalizingTransformer.AffineNormalizerModelParameters(scale, offset);
    }

    /// <summary>A feature that is constant, or has no finite values, gets scale 0: it maps to 0.</summary>
    private (float Scale, float Offset) MinMax(double min, double max) =>
        !(max > min) ? (0f, 0f)
        : FixZero ? ((float)(1 / Math.Max(Math.Abs(min), Math.Abs(max))), 0f)
        : ((float)(1 / (max - min)), (float)min);

    private (float Scale, float Offset) MeanVariance(double mean, double deviation) =>
        !(deviation > 0) ? (0f, 0f)
        : FixZero ? ((float)(1 / Math.Sqrt(deviation * deviation + mean * mean)), 0f)
        : ((float)(1 / deviation), (float)mean);

    private static float[] ToSingle(double[] values) => values.Select(v => (float)v).ToArray();
}
