using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// Maps a key column back to the values its <c>KeyValues</c> annotation records, as ML.NET's
/// <c>MapKeyToValue</c> does: key k gives value k; key 0 (missing) gives the type's missing or
/// default value (empty text, NaN, 0, false). It learns nothing, so it is its own estimator.
/// </summary>
public sealed class KeyToValueMappingTransformer : OneToOneColumnTransformer<KeyToValueMappingTransformer>, IOnnxExportable
{
    internal const string Kind = "key-to-value";

    internal KeyToValueMappingTransformer(string outputColumnName, string? inputColumnName) : base(outputColumnName, inputColumnName)
    {
    }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        inputSchema.With((OutputColumnName, KeyValueTypes.TypeOf(KeyValues(inputSchema))));

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = KeyValues(input.Schema);
        var missing = values switch
        {
            string[] => (object)"",
            float[] => float.NaN,
            int[] => 0,
            _ => false,
        };
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, KeyValueTypes.TypeOf(values))], block =>
        {
            var keys = block.GetValues<uint>(block.Schema[InputColumnName]).Span;
            var output = Array.CreateInstance(values.GetType().GetElementType()!, keys.Length);
            for (var row = 0; row < keys.Length; row++)
            {
                output.SetValue(keys[row] is > 0 and var key && key <= values.Length ? values.GetValue(key - 1) : missing, row);
            }

            return [output];
        });
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var values = KeyValues(context.Schema);
        var encodable = OnnxLabelEncoder.Encodable(values);
        object missing = encodable switch { string[] => "", float[] => float.NaN, _ => 0L };
        var keys = Enumerable.Range(1, values.Length).Select(key => (long)key).ToArray();
        var decoded = OnnxLabelEncoder.Map(context, context.CastToInt64(context.Read(InputColumnName), $"{OutputColumnName}.keys"), keys, encodable, missing,
            $"{OutputColumnName}.values");
        context.Write(OutputColumnName, encodable is long[] ? context.Cast(decoded, KeyValueTypes.TypeOf(values), OutputColumnName) : decoded);
    }

    private Array KeyValues(DataViewSchema schema)
    {
        var column = SchemaRequirements.RequireColumn(schema, InputColumnName);
        if (column.Type is not KeyDataViewType)
        {
            throw new ArgumentException($"Column '{InputColumnName}' is {column.Type}, not a key column; make keys with MapValueToKey.", "inputSchema");
        }

        return column.Annotations.Get(DataViewSchema.Annotations.KeyValues)
            ?? throw new ArgumentException($"Key column '{InputColumnName}' records no key values to map back to.", "inputSchema");
    }

    internal static KeyToValueMappingTransformer Load(JsonObject json) => new((string)json["output"]!, (string)json["input"]!);
}
