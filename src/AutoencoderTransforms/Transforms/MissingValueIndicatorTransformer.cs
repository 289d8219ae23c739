using System.Text.Json.Nodes;

namespace Autoencoders.Transforms;

/// <summary>
/// Adds a Boolean column that is true where a Single column is missing (NaN), as ML.NET's
/// <c>IndicateMissingValues</c> does. It learns nothing, so it is its own estimator.
/// </summary>
public sealed class MissingValueIndicatorTransformer : ITransformer, IEstimator<MissingValueIndicatorTransformer>, IPersistableTransformer
{
    internal const string Kind = "indicate-missing";

    internal MissingValueIndicatorTransformer(string outputColumnName, string? inputColumnName)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
    }

    /// <summary>The Boolean column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The Single column read.</summary>
    public string InputColumnName { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, GetOutputSchema);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var column = SchemaRequirements.RequireColumn(inputSchema, InputColumnName);
        if (!column.Type.Equals(NumberDataViewType.Single))
        {
            throw new ArgumentException(
                $"Column '{InputColumnName}' is {column.Type}; missing values can be indicated for Single columns (vectors of Boolean are not supported yet).", nameof(inputSchema));
        }

        return inputSchema.With((OutputColumnName, BooleanDataViewType.Instance));
    }

    /// <inheritdoc />
    public MissingValueIndicatorTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return this;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, BooleanDataViewType.Instance)], block =>
        {
            var values = block.GetValues<float>(block.Schema[InputColumnName]).Span;
            var missing = new bool[values.Length];
            for (var i = 0; i < values.Length; i++) missing[i] = float.IsNaN(values[i]);
            return [missing];
        });
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["input"] = InputColumnName,
    };

    internal static MissingValueIndicatorTransformer Load(JsonObject json) => new((string)json["output"]!, (string)json["input"]!);
}
