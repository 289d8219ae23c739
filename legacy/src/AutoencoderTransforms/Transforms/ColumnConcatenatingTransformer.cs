using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// Concatenates Single and Single-vector columns into one vector column, naming its slots: a
/// Single column's slot by the column's name, a vector's slots by their own names (a text file's
/// header names them) or else as "Column.index".
/// </summary>
public sealed class ColumnConcatenatingTransformer : ITransformer, IPersistableTransformer, IOnnxExportable
{
    internal const string Kind = "concatenate";

    internal ColumnConcatenatingTransformer(string outputColumnName, IReadOnlyList<string> inputColumnNames)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        ArgumentNullException.ThrowIfNull(inputColumnNames);
        if (inputColumnNames.Count == 0)
        {
            throw new ArgumentException("Name at least one column to concatenate.", nameof(inputColumnNames));
        }

        InputColumnNames = inputColumnNames.Select(name => SchemaRequirements.RequireName(name, nameof(inputColumnNames))).ToArray();
    }

    /// <summary>The vector column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The columns concatenated, in order.</summary>
    public IReadOnlyList<string> InputColumnNames { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var width = InputColumnNames.Sum(name => SchemaRequirements.RequireFeatureColumn(inputSchema, name));
        var slotNames = InputColumnNames.SelectMany(name => SlotNames(inputSchema[name])).ToArray();
        return inputSchema.With(new DataViewSchema.DetachedColumn(OutputColumnName, new VectorDataViewType(width),
            DataViewSchema.Annotations.Of(DataViewSchema.Annotations.SlotNames, slotNames)));
    }

    private static IEnumerable<string> SlotNames(DataViewSchema.Column column) =>
        column.Type is not VectorDataViewType vector ? [column.Name]
        : column.Annotations.Get(DataViewSchema.Annotations.SlotNames) is string[] names ? names
        : Enumerable.Range(0, vector.Size).Select(slot => $"{column.Name}.{slot}");

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = GetOutputSchema(input.Schema)[OutputColumnName];
        var width = ((VectorDataViewType)output.Type).Size;
        return new MappedDataView(input, InputColumnNames, [output.Detach()], block =>
        {
            var values = new float[block.RowCount * width];
            var offset = 0;
            foreach (var name in InputColumnNames)
            {
                var column = block.Schema[name];
                var part = block.GetValues<float>(column).Span;
                var partWidth = DataViewBlockCursor.ValuesPerRow(column);
                for (var row = 0; row < block.RowCount; row++)
                {
                    part.Slice(row * partWidth, partWidth).CopyTo(values.AsSpan(row * width + offset));
                }

                offset += partWidth;
            }

            return [values];
        });
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var inputs = InputColumnNames.Select(context.Read).ToArray();
        context.Write(OutputColumnName, context.Node("Concat", inputs, OutputColumnName, OnnxAttributes.Int("axis", 1)));
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["inputs"] = new JsonArray(InputColumnNames.Select(name => (JsonNode)name).ToArray()),
    };

    internal static ColumnConcatenatingTransformer Load(JsonObject json) =>
        new((string)json["output"]!, json["inputs"]!.AsArray().Select(node => (string)node!).ToArray());
}
