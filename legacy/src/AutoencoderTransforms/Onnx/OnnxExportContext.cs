using Google.Protobuf;
using Autoencoders.Onnx.Protobuf;

namespace Autoencoders.Onnx;

/// <summary>
/// The ONNX graph a chain is being exported into: which graph value holds each column now, the
/// nodes and the constant tensors. Transformers read their input columns' values, add nodes and
/// write their output columns; the graph's inputs are the columns of the input schema that some
/// node reads, and its outputs every column a transformer wrote, under the column's own name.
/// </summary>
internal sealed class OnnxExportContext
{
    /// <summary>The name of every graph value's first dimension: the number of rows.</summary>
    public const string RowDimension = "N";

    private readonly DataViewSchema _inputSchema;
    private readonly GraphProto _graph = new() { Name = "pipeline" };
    private readonly Dictionary<string, string> _values = [];
    private readonly List<string> _written = [];
    private readonly HashSet<string> _names = [];

    public OnnxExportContext(DataViewSchema inputSchema)
    {
        _inputSchema = inputSchema;
        Schema = inputSchema;
    }

    /// <summary>The schema the transformer being exported receives (its columns' types and key values); at the end, the model's output schema.</summary>
    public DataViewSchema Schema { get; set; }

    /// <summary>Whether any node reads the <c>ai.onnx.ml</c> domain.</summary>
    public bool UsesMachineLearningDomain { get; private set; }

    /// <summary>
    /// The graph value holding <paramref name="column"/>: the latest one a transformer wrote, or the
    /// graph input of that name, declared when first read.
    /// </summary>
    public string Read(string column)
    {
        if (_values.TryGetValue(column, out var value))
        {
            return value;
        }

        var source = _inputSchema.GetColumnOrNull(column)
            ?? throw new InvalidOperationException($"The column '{column}' is neither an input column nor written by an earlier transformer.");
        _graph.Input.Add(ValueInfo(ClaimExact(column), OnnxTypes.Of(source.Type, column)));
        _values[column] = column;
        return column;
    }

    /// <summary>Makes <paramref name="value"/> the column <paramref name="column"/> from here on, and an output of the graph (of the type the column has in the output schema).</summary>
    public void Write(string column, string value)
    {
        _values[column] = value;
        _written.Remove(column);
        _written.Add(column);
    }

    /// <summary>Adds a node of one output and returns that output's value name.</summary>
    /// <param name="operatorType">The ONNX operator.</param>
    /// <param name="inputs">The values it reads, in the operator's order.</param>
    /// <param name="hint">What the output is, for a readable value name.</param>
    /// <param name="attributes">The operator's attributes.</param>
    public string Node(string operatorType, IEnumerable<string> inputs, string hint, params AttributeProto[] attributes) =>
        Node(operatorType, inputs, [hint], attributes, domain: "")[0];

    /// <summary>Converts <paramref name="value"/> to the element type columns of <paramref name="type"/> have in the graph.</summary>
    public string Cast(string value, DataViewType type, string hint) => Cast(value, OnnxTypes.Of(type, hint).Type, hint);

    /// <summary>Converts <paramref name="value"/> to 64-bit integers, the form <c>ai.onnx.ml</c> label encoders read and write.</summary>
    public string CastToInt64(string value, string hint) => Cast(value, TensorProto.Types.DataType.Int64, hint);

    private string Cast(string value, TensorProto.Types.DataType type, string hint) => Node("Cast", [value], hint, OnnxAttributes.Int("to", (long)type));

    /// <summary>Adds a node of <c>ai.onnx.ml</c> with one output per hint and returns the outputs' value names.</summary>
    public string[] MachineLearningNode(string operatorType, IEnumerable<string> inputs, string[] hints, params AttributeProto[] attributes)
    {
        UsesMachineLearningDomain = true;
        return Node(operatorType, inputs, hints, attributes, "ai.onnx.ml");
    }

    private string[] Node(string operatorType, IEnumerable<string> inputs, string[] hints, AttributeProto[] attributes, string domain)
    {
        var outputs = hints.Select(Unique).ToArray();
        var node = new NodeProto { OpType = operatorType, Name = Unique($"{operatorType}_{hints[0]}"), Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>A constant float tensor of shape <paramref name="dimensions"/>; returns its value name.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dimensions)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX stores raw tensor data little-endian.");
        }

        var tensor = Tensor(hint, TensorProto.Types.DataType.Float, dimensions);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A constant 64-bit integer tensor of shape <paramref name="dimensions"/>; returns its value name.</summary>
    public string Constant(string hint, long[] values, params long[] dimensions)
    {
        var tensor = Tensor(hint, TensorProto.Types.DataType.Int64, dimensions);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>The graph, its outputs named after the columns written (a column that is also an input is output as <c>&lt;name&gt;.output</c>, as ML.NET names it).</summary>
    public GraphProto Finish()
    {
        if (_written.Count == 0)
        {
            throw new InvalidOperationException("The model writes no column, so the ONNX graph would have no output.");
        }

        foreach (var column in _written)
        {
            var outputName = _graph.Input.Any(input => input.Name == column) ? Unique($"{column}.output") : ClaimExact(column);
            _graph.Node.Add(new NodeProto { OpType = "Identity", Name = Unique($"Identity_{column}"), Input = { _values[column] }, Output = { outputName } });
            _graph.Output.Add(ValueInfo(outputName, OnnxTypes.Of(Schema[column].Type, column)));
        }

        return _graph;
    }

    /// <summary><paramref name="name"/> itself for a graph input or output: a node output or constant already named so is renamed.</summary>
    private string ClaimExact(string name)
    {
        if (!_names.Add(name))
        {
            RenameValue(name, Unique(name));
        }

        return name;
    }

    /// <summary>Renames a node output (never a graph input) everywhere it is read.</summary>
    private void RenameValue(string from, string to)
    {
        foreach (var node in _graph.Node)
        {
            for (var i = 0; i < node.Output.Count; i++) if (node.Output[i] == from) node.Output[i] = to;
            for (var i = 0; i < node.Input.Count; i++) if (node.Input[i] == from) node.Input[i] = to;
        }

        foreach (var initializer in _graph.Initializer.Where(initializer => initializer.Name == from))
        {
            initializer.Name = to;
        }

        foreach (var column in _values.Where(entry => entry.Value == from).Select(entry => entry.Key).ToList())
        {
            _values[column] = to;
        }
    }

    private TensorProto Tensor(string hint, TensorProto.Types.DataType type, long[] dimensions)
    {
        var tensor = new TensorProto { Name = Unique(hint), DataType = (int)type };
        tensor.Dims.AddRange(dimensions);
        return tensor;
    }

    /// <summary>A value name not used yet, made from <paramref name="hint"/>.</summary>
    private string Unique(string hint)
    {
        var name = hint;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = $"{hint}_{i}";
        }

        return name;
    }

    private static ValueInfoProto ValueInfo(string name, (TensorProto.Types.DataType Type, long Width) tensor)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = RowDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = tensor.Width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)tensor.Type, Shape = shape } },
        };
    }
}
