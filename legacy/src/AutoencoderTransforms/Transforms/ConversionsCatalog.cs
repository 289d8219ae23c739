namespace Autoencoders;

/// <summary>Mapping values to keys and back: <c>ml.Transforms.Conversion.MapValueToKey</c> / <c>MapKeyToValue</c>, as in ML.NET.</summary>
public static class ConversionsCatalog
{
    /// <summary>
    /// Maps the text, Single, Int32 or Boolean values of <paramref name="inputColumnName"/> to keys
    /// 1..n (0 for missing or unseen values), recording the values in the key column's annotations.
    /// </summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="outputColumnName">The key column produced.</param>
    /// <param name="inputColumnName">The column mapped; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumNumberOfKeys">The most categories kept (the first met).</param>
    /// <param name="keyOrdinality">Numbering by first occurrence (the default) or by sorted value.</param>
    /// <param name="addKeyValueAnnotationsAsText">Accepted for ML.NET compatibility; must be false (the key values keep their own type).</param>
    /// <param name="keyData">A one-column view whose values are the categories, instead of those of the data fitted.</param>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName, string? inputColumnName = null,
        int maximumNumberOfKeys = ValueToKeyMappingEstimator.DefaultMaximumNumberOfKeys,
        ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
        bool addKeyValueAnnotationsAsText = false, IDataView? keyData = null) =>
        addKeyValueAnnotationsAsText
            ? throw new NotSupportedException("addKeyValueAnnotationsAsText is not supported: key values keep the type of the values mapped.")
            : new(outputColumnName, inputColumnName, maximumNumberOfKeys, keyOrdinality, keyData);

    /// <summary>Maps the key column <paramref name="inputColumnName"/> back to the values its keys stand for.</summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="outputColumnName">The value column produced.</param>
    /// <param name="inputColumnName">The key column read; defaults to <paramref name="outputColumnName"/>.</param>
    public static KeyToValueMappingTransformer MapKeyToValue(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName, string? inputColumnName = null) =>
        new(outputColumnName, inputColumnName);
}
