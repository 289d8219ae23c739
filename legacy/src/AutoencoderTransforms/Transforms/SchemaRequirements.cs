namespace Autoencoders.Transforms;

/// <summary>The schema and data checks every transform runs, with messages naming the culprit.</summary>
internal static class SchemaRequirements
{
    /// <summary>The column <paramref name="name"/>, which must be Single or a vector of Single; returns its width.</summary>
    public static int RequireFeatureColumn(DataViewSchema schema, string name, int? expectedWidth = null)
    {
        var column = RequireColumn(schema, name);
        var width = column.Type switch
        {
            VectorDataViewType vector => vector.Size,
            NumberDataViewType { RawType: var raw } when raw == typeof(float) => 1,
            _ => throw new ArgumentException($"Column '{name}' is {column.Type} but must be Single or a vector of Single.", "inputSchema"),
        };
        if (expectedWidth is { } expected && width != expected)
        {
            throw new ArgumentException($"Column '{name}' has {width} values per row but the transform was fitted on {expected}.", "inputSchema");
        }

        return width;
    }

    /// <summary>The image column <paramref name="name"/>, which must exist and hold images; returns its type.</summary>
    public static ImageDataViewType RequireImageColumn(DataViewSchema schema, string name) =>
        RequireColumn(schema, name).Type as ImageDataViewType
        ?? throw new ArgumentException($"Column '{name}' is {schema[name].Type} but must hold images: load them first, e.g. with ml.Transforms.LoadImages.", "inputSchema");

    /// <summary>The column <paramref name="name"/>, which must exist.</summary>
    public static DataViewSchema.Column RequireColumn(DataViewSchema schema, string name)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"Column '{name}' is not in the data; its columns are: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.", "inputSchema");
    }

    /// <summary>
    /// The values of feature column <paramref name="name"/> in the cursor's block, checked finite
    /// (rows numbered from the start of the pass) and marked so, so the engine does not check them
    /// again. NaN, a missing value, is allowed only with <paramref name="allowMissing"/>; otherwise
    /// the message points to <c>ReplaceMissingValues</c>.
    /// </summary>
    public static FeatureMatrix BlockFeatures(DataViewBlockCursor block, string name, bool allowMissing = false)
    {
        var column = block.Schema[name];
        var values = block.GetValues<float>(column);
        var at = FeatureMatrix.FindNonFinite(values.Span, allowMissing);
        if (at >= 0)
        {
            var description = FeatureMatrix.DescribeValue(values.Span, at, DataViewBlockCursor.ValuesPerRow(column), name, block.Position);
            throw new ArgumentException(float.IsNaN(values.Span[at])
                ? $"{description}, a missing value, and this transform needs complete rows: fill them first, e.g. with ml.Transforms.ReplaceMissingValues(\"{name}\", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)."
                : $"{description}.", name);
        }

        return new FeatureMatrix(values, DataViewBlockCursor.ValuesPerRow(column), checkedAllowingMissing: allowMissing);
    }

    /// <summary>Rejects an empty or whitespace column name, naming the parameter.</summary>
    public static string RequireName(string? name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        return name;
    }
}
