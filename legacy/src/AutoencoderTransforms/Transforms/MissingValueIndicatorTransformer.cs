using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// Adds a Boolean column that is true where a Single column is missing (NaN), as ML.NET's
/// <c>IndicateMissingValues</c> does. It learns nothing, so it is its own estimator.
/// </summary>
public sealed class MissingValueIndicatorTransformer : OneToOneColumnTransformer<MissingValueIndicatorTransformer>, IOnnxExportable
{
    internal const string Kind = "indicate-missing";

    internal MissingValueIndicatorTransformer(string outputColumnName, string? inputColumnName) : base(outputColumnName, inputColumnName)
    {
    }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
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
    public override IDataView Transform(IDataView input)
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

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context) =>
        context.Write(OutputColumnName, context.Node("IsNaN", [context.Read(InputColumnName)], OutputColumnName));

    internal static MissingValueIndicatorTransformer Load(JsonObject json) => new((string)json["output"]!, (string)json["input"]!);
}
