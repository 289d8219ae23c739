namespace Autoencoders.Transforms;

/// <summary>Concatenates columns into one vector column; nothing to learn, so fitting only checks the schema.</summary>
public sealed class ColumnConcatenatingEstimator : IEstimator<ColumnConcatenatingTransformer>
{
    private readonly ColumnConcatenatingTransformer _transformer;

    internal ColumnConcatenatingEstimator(string outputColumnName, params string[] inputColumnNames) =>
        _transformer = new ColumnConcatenatingTransformer(outputColumnName, inputColumnNames);

    /// <inheritdoc />
    public ColumnConcatenatingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        return _transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) => _transformer.GetOutputSchema(inputSchema);
}
