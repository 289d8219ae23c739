namespace Autoencoders.Transforms;

/// <summary>
/// Learns the categories of a text, Single, Int32 or Boolean column and maps each to a key 1..n, as
/// ML.NET's <c>MapValueToKey</c> does: the values are recorded in the output column's
/// <c>KeyValues</c> annotation, and a missing value (NaN, empty text) or one not seen in fitting maps to 0.
/// </summary>
public sealed class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    /// <summary>How keys are numbered.</summary>
    public enum KeyOrdinality
    {
        /// <summary>In the order the values first appear.</summary>
        ByOccurrence,
        /// <summary>In the values' sort order (ordinal for text).</summary>
        ByValue,
    }

    /// <summary>ML.NET's default for <c>maximumNumberOfKeys</c>.</summary>
    public const int DefaultMaximumNumberOfKeys = 1_000_000;

    private readonly IDataView? _keyData;

    internal ValueToKeyMappingEstimator(string outputColumnName, string? inputColumnName, int maximumNumberOfKeys, KeyOrdinality keyOrdinality, IDataView? keyData)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumNumberOfKeys, 1);
        MaximumNumberOfKeys = maximumNumberOfKeys;
        Ordinality = Enum.IsDefined(keyOrdinality) ? keyOrdinality : throw new ArgumentOutOfRangeException(nameof(keyOrdinality), keyOrdinality, "Unknown key ordinality.");
        if (keyData is not null && keyData.Schema.Count != 1)
        {
            throw new ArgumentException($"keyData must have exactly one column, the values to map; it has {keyData.Schema.Count}.", nameof(keyData));
        }

        _keyData = keyData;
    }

    /// <summary>The key column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column whose values are mapped.</summary>
    public string InputColumnName { get; }

    /// <summary>The most categories kept (the first ones met); later values map to 0.</summary>
    public int MaximumNumberOfKeys { get; }

    /// <summary>How keys are numbered.</summary>
    public KeyOrdinality Ordinality { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        var column = SchemaRequirements.RequireColumn(inputSchema, InputColumnName);
        KeyValueTypes.Require(column.Type, InputColumnName);
        if (_keyData is not null && !_keyData.Schema[0].Type.Equals(column.Type))
        {
            throw new ArgumentException($"keyData's column '{_keyData.Schema[0].Name}' is {_keyData.Schema[0].Type} but column '{InputColumnName}' is {column.Type}.", nameof(inputSchema));
        }

        // The keys are learned in fitting; the promise names their count unknown and the type of their values.
        return inputSchema.With(new DataViewSchema.DetachedColumn(OutputColumnName, KeyDataViewType.UnknownCount,
            KeyValueTypes.Annotations(Array.CreateInstance(column.Type.RawType, 0))));
    }

    /// <inheritdoc />
    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var source = _keyData ?? input;
        var column = _keyData?.Schema[0] ?? input.Schema[InputColumnName];
        var values = KeyValueTypes.Distinct(source, column, MaximumNumberOfKeys);
        if (values.Length == 0)
        {
            throw new ArgumentException($"Column '{column.Name}' has no values (all are missing) to make keys of.", nameof(input));
        }

        if (Ordinality == KeyOrdinality.ByValue)
        {
            values = KeyValueTypes.Sorted(values);
        }

        return new ValueToKeyMappingTransformer(OutputColumnName, InputColumnName, values);
    }
}
