namespace Autoencoders.Transforms;

/// <summary>A row-by-row user mapping; nothing to learn, so fitting only checks the schema.</summary>
/// <typeparam name="TSrc">The class whose members read input columns.</typeparam>
/// <typeparam name="TDst">The class whose members become output columns.</typeparam>
public sealed class CustomMappingEstimator<TSrc, TDst> : IEstimator<CustomMappingTransformer<TSrc, TDst>>
    where TSrc : class, new()
    where TDst : class, new()
{
    private readonly CustomMappingTransformer<TSrc, TDst> _transformer;

    internal CustomMappingEstimator(Action<TSrc, TDst> mapAction, string? contractName) => _transformer = new CustomMappingTransformer<TSrc, TDst>(mapAction, contractName);

    /// <inheritdoc />
    public CustomMappingTransformer<TSrc, TDst> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        return _transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) => _transformer.GetOutputSchema(inputSchema);
}
