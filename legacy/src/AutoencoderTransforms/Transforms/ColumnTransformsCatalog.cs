namespace Autoencoders;

/// <summary>Column concatenation, normalization, principal components, kernel maps and custom row mappings.</summary>
public static class ColumnTransformsCatalog
{
    /// <summary>Concatenates Single and vector columns into the vector column <paramref name="outputColumnName"/>.</summary>
    public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName, params string[] inputColumnNames) =>
        new(outputColumnName, inputColumnNames);

    /// <summary>
    /// Scales each feature by its fitted range, as ML.NET does: with <paramref name="fixZero"/> (the
    /// default) x / max(|min|, |max|), so zero stays zero and values land in [-1, 1]; without,
    /// (x - min) / (max - min), the fitted range becoming [0, 1]. NaN is ignored in fitting and stays NaN.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The normalized column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumExampleCount">The most rows (the first ones) the range is learned from.</param>
    /// <param name="fixZero">Whether zero maps to zero (no shift).</param>
    public static NormalizingEstimator NormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = NormalizingEstimator.DefaultMaximumExampleCount, bool fixZero = true) =>
        new(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.MinMax, maximumExampleCount, fixZero);

    /// <summary>
    /// Scales each feature by its fitted spread, as ML.NET does: with <paramref name="fixZero"/> (the
    /// default) x / sqrt(mean of x²); without, (x - mean) / standard deviation (population); with
    /// <paramref name="useCdf"/>, the standard normal CDF of (x - mean) / standard deviation.
    /// NaN and infinities are ignored in fitting.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The normalized column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumExampleCount">The most rows (the first ones) the statistics are learned from.</param>
    /// <param name="fixZero">Whether zero maps to zero (no shift); ignored with <paramref name="useCdf"/>.</param>
    /// <param name="useCdf">Whether to output the normal CDF (values in [0, 1]) instead of the affine map.</param>
    public static NormalizingEstimator NormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = NormalizingEstimator.DefaultMaximumExampleCount, bool fixZero = true, bool useCdf = false) =>
        new(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.MeanVariance, maximumExampleCount, fixZero, useCdf);

    /// <summary>
    /// The standard normal CDF of (log x - mean) / standard deviation, with the mean and population
    /// standard deviation of the logarithms of each feature's positive values, as ML.NET computes it;
    /// values whose logarithm is not finite (x ≤ 0, NaN) map to 0.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The normalized column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumExampleCount">The most rows (the first ones) the statistics are learned from.</param>
    /// <param name="useCdf">Must be true (ML.NET's default); the affine log variant is not provided.</param>
    public static NormalizingEstimator NormalizeLogMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = NormalizingEstimator.DefaultMaximumExampleCount, bool useCdf = true) =>
        new(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.LogMeanVariance, maximumExampleCount, useCdf: useCdf);

    /// <summary>
    /// Replaces missing (NaN) values of a Single or vector column, as ML.NET does: by 0, or by the
    /// mean, minimum or maximum of the values present (per slot with <paramref name="imputeBySlot"/>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column produced.</param>
    /// <param name="inputColumnName">The column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="replacementMode">What replaces a missing value.</param>
    /// <param name="imputeBySlot">Whether each slot of a vector gets its own statistic.</param>
    public static MissingValueReplacingEstimator ReplaceMissingValues(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        MissingValueReplacingEstimator.ReplacementMode replacementMode = MissingValueReplacingEstimator.ReplacementMode.DefaultValue, bool imputeBySlot = true) =>
        new(outputColumnName, inputColumnName, replacementMode, imputeBySlot);

    /// <summary>Adds a Boolean column, true where the Single column <paramref name="inputColumnName"/> is missing (NaN).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The Boolean column produced.</param>
    /// <param name="inputColumnName">The Single column read; defaults to <paramref name="outputColumnName"/>.</param>
    public static MissingValueIndicatorTransformer IndicateMissingValues(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        new(outputColumnName, inputColumnName);

    /// <summary>Projects <paramref name="inputColumnName"/> onto its <paramref name="rank"/> strongest principal components.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The projection column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="rank">The number of components. Defaults to 20, as in ML.NET.</param>
    /// <param name="seed">
    /// Accepted for ML.NET compatibility (its randomized PCA draws from it); the components here come
    /// from an exact eigendecomposition, which involves no randomness.
    /// </param>
    public static PrincipalComponentAnalyzer ProjectToPrincipalComponents(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, int rank = 20, int? seed = null) =>
        new(outputColumnName, inputColumnName, rank);

    /// <summary>
    /// Maps a feature column to random Fourier features whose inner products approximate a
    /// shift-invariant kernel (ML.NET's ApproximatedKernelMap): a linear trainer such as
    /// <c>LbfgsMaximumEntropy</c> after it approximates a kernel machine. The kernel's width is relative
    /// to the median distance between rows (up to 5,000 sampled), so its default suits data of any scale.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The feature column produced: <paramref name="rank"/> values (twice that with <paramref name="useCosAndSinBases"/>).</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="rank">The number of random frequencies: more approximate the kernel more closely.</param>
    /// <param name="useCosAndSinBases">Whether each frequency gives a cosine and a sine instead of one cosine with a random phase.</param>
    /// <param name="generator">The kernel: <see cref="GaussianKernel"/> (the default) or <see cref="LaplacianKernel"/>.</param>
    /// <param name="seed">Seeds the frequencies; null draws the next seed of the context.</param>
    public static ApproximatedKernelMappingEstimator ApproximatedKernelMap(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int rank = 1000, bool useCosAndSinBases = false, KernelBase? generator = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(outputColumnName, inputColumnName, rank, useCosAndSinBases, generator, seed ?? catalog.Context.NextSeed());
    }

    /// <summary>
    /// Adds the columns of <typeparamref name="TDst"/>, filled for each row by <paramref name="mapAction"/>
    /// from the columns of <typeparamref name="TSrc"/>. Pipelines containing it can be saved only with a contract name.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="mapAction">Reads one input row and fills one output row; it must be thread-safe and pure.</param>
    /// <param name="contractName">
    /// The name under which a <see cref="CustomMappingFactory{TSrc, TDst}"/> marked
    /// [CustomMappingFactoryAttribute(name)] makes this mapping: with it the pipeline can be saved, and
    /// loaded where that factory's assembly is registered. Null: the pipeline cannot be saved.
    /// </param>
    public static CustomMappingEstimator<TSrc, TDst> CustomMapping<TSrc, TDst>(this TransformsCatalog catalog, Action<TSrc, TDst> mapAction, string? contractName = null)
        where TSrc : class, new()
        where TDst : class, new() =>
        new(mapAction, contractName);
}
