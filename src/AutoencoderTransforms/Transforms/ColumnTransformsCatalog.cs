namespace Autoencoders.Transforms;

/// <summary>Column concatenation and normalization.</summary>
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
}
