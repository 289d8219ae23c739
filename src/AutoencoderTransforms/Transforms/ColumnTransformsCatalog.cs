namespace Autoencoders;

/// <summary>Column concatenation, normalization, principal components and custom row mappings.</summary>
public static class ColumnTransformsCatalog
{
    /// <summary>Concatenates Single and vector columns into the vector column <paramref name="outputColumnName"/>.</summary>
    public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName, params string[] inputColumnNames) =>
        new(outputColumnName, inputColumnNames);

    /// <summary>Maps each feature's fitted [min, max] to [0, 1].</summary>
    public static NormalizingEstimator NormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        new(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.MinMax);

    /// <summary>Shifts and scales each feature to zero mean and unit variance (on the fitted rows).</summary>
    public static NormalizingEstimator NormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        new(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.MeanVariance);

    /// <summary>Projects <paramref name="inputColumnName"/> onto its <paramref name="rank"/> strongest principal components.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The projection column produced.</param>
    /// <param name="inputColumnName">The Single or vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="rank">The number of components. Defaults to 20, as in ML.NET.</param>
    /// <param name="seed">
    /// Accepted for ML.NET compatibility (its randomized PCA draws from it); the components here come
    /// from an exact eigendecomposition, which involves no randomness.
    /// </param>
    public static PrincipalComponentAnalysisEstimator ProjectToPrincipalComponents(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, int rank = 20, int? seed = null) =>
        new(outputColumnName, inputColumnName, rank);

    /// <summary>
    /// Adds the columns of <typeparamref name="TDst"/>, filled for each row by <paramref name="mapAction"/>
    /// from the columns of <typeparamref name="TSrc"/>. Pipelines containing it cannot be saved.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="mapAction">Reads one input row and fills one output row; it must be thread-safe and pure.</param>
    /// <param name="contractName">Accepted for ML.NET compatibility; must be null, since mappings are not saved.</param>
    public static CustomMappingEstimator<TSrc, TDst> CustomMapping<TSrc, TDst>(this TransformsCatalog catalog, Action<TSrc, TDst> mapAction, string? contractName = null)
        where TSrc : class, new()
        where TDst : class, new() =>
        contractName is null ? new(mapAction) : throw new NotSupportedException("Custom mappings cannot be saved, so a contract name has no use here; pass null.");
}
