namespace Autoencoders.Transforms;

/// <summary>
/// Adds the columns of <typeparamref name="TDst"/>, computed row by row by a user action from the
/// columns of <typeparamref name="TSrc"/>. Code cannot be stored in a model file, so a pipeline
/// containing this transformer cannot be saved; use it for data preparation and evaluation.
/// </summary>
/// <typeparam name="TSrc">The class whose members read input columns.</typeparam>
/// <typeparam name="TDst">The class whose members become output columns (vectors need [VectorType]).</typeparam>
public sealed class CustomMappingTransformer<TSrc, TDst> : ITransformer, IPersistableTransformer
    where TSrc : class, new()
    where TDst : class, new()
{
    private readonly Action<TSrc, TDst> _mapAction;

    internal CustomMappingTransformer(Action<TSrc, TDst> mapAction, string? contractName)
    {
        ArgumentNullException.ThrowIfNull(mapAction);
        _mapAction = mapAction;
        ContractName = contractName;
    }

    /// <summary>The name a registered <see cref="CustomMappingFactory{TSrc, TDst}"/> makes this mapping under; null when the mapping cannot be saved.</summary>
    public string? ContractName { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        foreach (var member in RowTypeMembers.Of(typeof(TSrc)).Members)
        {
            SchemaRequirements.RequireColumn(inputSchema, member.ColumnName);
        }

        return inputSchema.With(RowTypeMembers.Of(typeof(TDst)).Members.Select(member => (member.ColumnName, member.ColumnType())).ToArray());
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var reader = new EnumerableDataConverter.ObjectReader(typeof(TSrc), input.Schema, ignoreMissingColumns: false);
        var writer = new EnumerableDataConverter.ObjectWriter(typeof(TDst), firstRow: null);
        return new MappedDataView(input, reader.Columns.Select(column => column.Name).ToArray(), writer.Columns, block =>
        {
            var outputs = writer.Allocate(block.RowCount);
            var source = new TSrc();
            for (var row = 0; row < block.RowCount; row++)
            {
                reader.Fill(source, block, row);
                var output = new TDst();
                _mapAction(source, output);
                writer.Write(output, block.Position + row, row, outputs);
            }

            return outputs;
        });
    }

    System.Text.Json.Nodes.JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = CustomMappingTransformer.Kind,
        ["contract"] = ContractName ?? throw new NotSupportedException(
            "A custom mapping without a contract name cannot be saved: pass contractName and mark a CustomMappingFactory with [CustomMappingFactoryAttribute(name)]."),
    };
}

/// <summary>What custom mappings of any row types share in model files.</summary>
internal static class CustomMappingTransformer
{
    internal const string Kind = "custom-mapping";
}
