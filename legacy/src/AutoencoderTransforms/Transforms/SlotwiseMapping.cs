using System.Text.Json.Nodes;

namespace Autoencoders.Transforms;

/// <summary>
/// What transformers that map a Single or Single-vector column slot by slot share: the output
/// column (same type and slot names as the input) and a lazy view computing it block by block.
/// </summary>
/// <param name="OutputColumnName">The column produced.</param>
/// <param name="InputColumnName">The column read.</param>
/// <param name="IsVector">Whether the column is a vector (else a Single).</param>
/// <param name="Width">Values per row the mapping was fitted on.</param>
internal sealed record SlotwiseMapping(string OutputColumnName, string InputColumnName, bool IsVector, int Width)
{
    /// <summary>What a slot-by-slot estimator promises for <paramref name="inputSchema"/>: its output column, checked through <see cref="Of"/>.</summary>
    public static SchemaShape OutputShape(SchemaShape inputSchema, string outputColumnName, string inputColumnName) =>
        SchemaShape.Propagate(inputSchema, schema => Of(schema, outputColumnName, inputColumnName).OutputSchema(schema));

    /// <summary>The mapping of <paramref name="inputColumnName"/>, a Single or vector column of <paramref name="schema"/>, to <paramref name="outputColumnName"/>.</summary>
    public static SlotwiseMapping Of(DataViewSchema schema, string outputColumnName, string inputColumnName) =>
        new(outputColumnName, inputColumnName, SchemaRequirements.RequireColumn(schema, inputColumnName).Type is VectorDataViewType,
            SchemaRequirements.RequireFeatureColumn(schema, inputColumnName));

    /// <summary>Writes the column names and kind into a transformer's JSON.</summary>
    public void Save(JsonObject json)
    {
        json["output"] = OutputColumnName;
        json["input"] = InputColumnName;
        json["vector"] = IsVector;
    }

    /// <summary>Reads what <see cref="Save"/> wrote, for a mapping of <paramref name="width"/> values per row.</summary>
    public static SlotwiseMapping Load(JsonObject json, int width) => new((string)json["output"]!, (string)json["input"]!, (bool)json["vector"]!, width);

    /// <summary><paramref name="inputSchema"/> with the output column, checked to read a fitting input column.</summary>
    public DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, Width);
        return inputSchema.With(new DataViewSchema.DetachedColumn(OutputColumnName, IsVector ? new VectorDataViewType(Width) : NumberDataViewType.Single,
            inputSchema[InputColumnName].SlotNamesOnly));
    }

    /// <summary>A view of <paramref name="input"/> whose output column <paramref name="map"/> fills from the input values, rows after rows.</summary>
    public IDataView Transform(IDataView input, Action<ReadOnlySpan<float>, Span<float>> map)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = OutputSchema(input.Schema)[OutputColumnName];
        return new MappedDataView(input, [InputColumnName], [output.Detach()], block =>
        {
            var features = block.GetValues<float>(block.Schema[InputColumnName]).Span;
            var values = new float[features.Length];
            map(features, values);
            return [values];
        });
    }
}
