using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// Maps the values of a column to keys 1..n by the categories learned in fitting; a missing value
/// (NaN, empty text) or one not learned maps to 0. The key column's <c>KeyValues</c> annotation
/// holds the categories, for <c>MapKeyToValue</c> and for trainers that name their classes.
/// </summary>
public sealed class ValueToKeyMappingTransformer : ITransformer, IPersistableTransformer, IOnnxExportable
{
    internal const string Kind = "value-to-key";

    private readonly Array _values;
    private readonly Dictionary<object, uint> _keys;

    internal ValueToKeyMappingTransformer(string outputColumnName, string inputColumnName, Array values)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        _values = values;
        _keys = KeyValueTypes.Index(values);
    }

    /// <summary>The key column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column whose values are mapped.</summary>
    public string InputColumnName { get; }

    private DataViewSchema.DetachedColumn OutputColumn =>
        new(OutputColumnName, new KeyDataViewType(typeof(uint), _values.Length), KeyValueTypes.Annotations(_values));

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var column = SchemaRequirements.RequireColumn(inputSchema, InputColumnName);
        var learned = KeyValueTypes.TypeOf(_values);
        if (!column.Type.Equals(learned))
        {
            throw new ArgumentException($"Column '{InputColumnName}' is {column.Type} but the keys were learned from {learned}.", nameof(inputSchema));
        }

        return inputSchema.With(OutputColumn);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [InputColumnName], [OutputColumn], block =>
        {
            var column = block.Schema[InputColumnName];
            var keys = new uint[block.RowCount];
            for (var row = 0; row < keys.Length; row++)
            {
                keys[row] = _keys.GetValueOrDefault(DataViewReading.Value(block, column, row));
            }

            return [keys];
        });
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var input = context.Read(InputColumnName);
        var keys = OnnxLabelEncoder.Encodable(_values);
        var lookup = keys is long[] ? context.CastToInt64(input, $"{OutputColumnName}.values") : input;
        var encoded = OnnxLabelEncoder.Map(context, lookup, keys, Enumerable.Range(1, _values.Length).Select(key => (long)key).ToArray(), 0L, $"{OutputColumnName}.keys");
        context.Write(OutputColumnName, context.Cast(encoded, OutputColumn.Type, OutputColumnName));
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject { ["kind"] = Kind, ["output"] = OutputColumnName, ["input"] = InputColumnName };
        KeyValueTypes.Save(_values, json);
        return json;
    }

    internal static ValueToKeyMappingTransformer Load(JsonObject json) =>
        new((string)json["output"]!, (string)json["input"]!, KeyValueTypes.Load(json) ?? throw new FormatException("the key values are missing"));
}
