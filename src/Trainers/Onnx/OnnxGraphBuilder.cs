using System.Runtime.InteropServices;
using Autoencoders.Trainers.Onnx.Protobuf;
using Google.Protobuf;

namespace Autoencoders.Trainers.Onnx;

/// <summary>
/// Builds one ONNX graph that reads and writes one row at a time, as ML.NET's OnnxTransformer feeds
/// it: inputs and outputs are vectors of a fixed width (so ML.NET sees Vector&lt;Single, n&gt; columns
/// of known size), nodes have unique value names; <see cref="ToBytes"/> gives the serialized model.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>ONNX's IR version written (ONNX 1.10 and later).</summary>
    public const long IrVersion = 8;

    /// <summary>
    /// The default domain's operator set: the one ML.NET's ONNX exporter writes, so that a graph of ours
    /// splices into ML.NET's export of the transforms around it (<see cref="OnnxPipelineGraph"/>).
    /// </summary>
    public const long OperatorSetVersion = 12;

    private readonly GraphProto _graph = new() { Name = "autoencoder" };
    private readonly HashSet<string> _names = [];
    private readonly HashSet<string> _reserved = [];
    private readonly Dictionary<string, string> _metadata = [];
    private readonly List<(string Shape, long Width)> _guardedShapes = [];

    /// <summary>
    /// Declares a graph input of <paramref name="width"/> floats named exactly <paramref name="name"/>;
    /// returns it as a matrix of one row, (1, width), the shape the network's operators take.
    /// </summary>
    public string Input(string name, long width)
    {
        Claim(name);
        _graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, width));
        var shape = Unique($"{name}.rows_shape");
        _guardedShapes.Add((shape, width));
        return Node("Reshape", [name, shape], $"{name}.rows");
    }

    /// <summary>Declares <paramref name="value"/>, a matrix of one row, as a graph output of <paramref name="width"/> values named exactly <paramref name="name"/>.</summary>
    public void Output(string name, string value, long width, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        var row = Node("Reshape", [value, Constant($"{name}.shape", [width], 1)], $"{name}.row");
        Claim(name);
        _graph.Node.Add(new NodeProto { OpType = "Identity", Name = Unique($"Identity_{name}"), Input = { row }, Output = { name } });
        _graph.Output.Add(ValueInfo(name, type, width));
    }

    /// <summary>Keeps <paramref name="names"/> for inputs and outputs declared later: no node or constant takes them meanwhile.</summary>
    public void Reserve(IEnumerable<string> names) => _reserved.UnionWith(names);

    private void Claim(string name)
    {
        _reserved.Remove(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"'{name}' is already a value of the graph.", nameof(name));
        }
    }

    /// <summary>Adds a node of one output and returns that output's value name.</summary>
    public string Node(string operatorType, IEnumerable<string> inputs, string hint, params AttributeProto[] attributes)
    {
        var output = Unique(hint);
        var node = new NodeProto { OpType = operatorType, Name = Unique($"{operatorType}_{hint}") };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A constant float tensor of shape <paramref name="dimensions"/>; returns its value name.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dimensions)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX stores raw tensor data little-endian.");
        }

        var tensor = Tensor(hint, TensorProto.Types.DataType.Float, dimensions);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A constant double tensor of shape <paramref name="dimensions"/>; returns its value name.</summary>
    public string Constant(string hint, double[] values, params long[] dimensions)
    {
        var tensor = Tensor(hint, TensorProto.Types.DataType.Double, dimensions);
        tensor.DoubleData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node whose one output is named exactly <paramref name="output"/> (a name reserved earlier).</summary>
    public void NodeTo(string output, string operatorType, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = operatorType, Name = Unique($"{operatorType}_{output}") };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
    }

    /// <summary>A constant 64-bit integer tensor of shape <paramref name="dimensions"/>; returns its value name.</summary>
    public string Constant(string hint, long[] values, params long[] dimensions)
    {
        var tensor = Tensor(hint, TensorProto.Types.DataType.Int64, dimensions);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A constant string tensor of shape <paramref name="dimensions"/> (UTF-8); returns its value name.</summary>
    public string Constant(string hint, IEnumerable<string> values, params long[] dimensions)
    {
        var tensor = Tensor(hint, TensorProto.Types.DataType.String, dimensions);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Whether a value (input, node output or constant) of the graph is named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _names.Contains(name);

    /// <summary>A key and value stored in the model's <c>metadata_props</c>.</summary>
    public void Metadata(string key, string value) => _metadata[key] = value;

    /// <summary>The serialized ONNX model, its inputs guarded by <see cref="OnnxWeightGuard"/>.</summary>
    public byte[] ToBytes()
    {
        if (_guardedShapes.Count > 0)
        {
            OnnxWeightGuard.Add(this, _graph.Initializer.Where(tensor => tensor.DataType == (int)TensorProto.Types.DataType.Float).ToList(), _guardedShapes);
            _guardedShapes.Clear();
        }

        return Serialize(_graph, IrVersion, [new OperatorSetIdProto { Domain = "", Version = OperatorSetVersion }],
            _metadata.Select(entry => new StringStringEntryProto { Key = entry.Key, Value = entry.Value }));
    }

    /// <summary>
    /// A serialized model of this library around <paramref name="graph"/>, whose nodes are first put in
    /// the order ONNX requires (<see cref="OnnxNodeOrder"/>).
    /// </summary>
    public static byte[] Serialize(GraphProto graph, long irVersion, IEnumerable<OperatorSetIdProto> operatorSets, IEnumerable<StringStringEntryProto> metadata)
    {
        OnnxNodeOrder.Sort(graph);
        var model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = "Autoencoders",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = graph,
        };
        model.OpsetImport.AddRange(operatorSets);
        model.MetadataProps.AddRange(metadata);
        return model.ToByteArray();
    }

    /// <summary>The ONNX model serialized in <paramref name="bytes"/>, which must hold a graph.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model, or it has no graph.</exception>
    public static ModelProto ParseWithGraph(byte[] bytes)
    {
        var model = Parse(bytes);
        return model.Graph is null ? throw new InvalidDataException("The ONNX model has no graph.") : model;
    }

    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    private static ModelProto Parse(byte[] bytes)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"not an ONNX model ({e.Message})", e);
        }
    }

    /// <summary>
    /// A graph built here made to read and write batches of rows: each input and output of width w
    /// becomes a matrix [rows, w] (rows named <paramref name="rowsDimension"/>). The inputs' reshapes
    /// already take any count of rows; each output's reshape to one row of w values (<see cref="Output"/>)
    /// keeps the rows instead.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a graph built here.</exception>
    public static byte[] ForRowBatches(byte[] rowGraph, string rowsDimension)
    {
        var model = ParseWithGraph(rowGraph);
        var graph = model.Graph;
        var producers = graph.Node.SelectMany(node => node.Output.Select(output => (output, node))).ToDictionary(pair => pair.output, pair => pair.node, StringComparer.Ordinal);
        var constants = graph.Initializer.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        foreach (var output in graph.Output)
        {
            if (!producers.TryGetValue(output.Name, out var identity) || identity.OpType != "Identity"
                || !producers.TryGetValue(identity.Input[0], out var reshape) || reshape.OpType != "Reshape"
                || !constants.TryGetValue(reshape.Input[1], out var shape) || shape.Int64Data.Count != 1)
            {
                throw new InvalidDataException($"The graph's output '{output.Name}' is not one row of a matrix of rows: the graph was not built by this library.");
            }

            var rows = new TensorProto { Name = shape.Name + ".rows", DataType = shape.DataType, Dims = { 2 }, Int64Data = { -1, shape.Int64Data[0] } };
            graph.Initializer.Add(rows);
            reshape.Input[1] = rows.Name;
        }

        foreach (var value in graph.Input.Concat(graph.Output))
        {
            value.Type.TensorType.Shape.Dim.Insert(0, new TensorShapeProto.Types.Dimension { DimParam = rowsDimension });
        }

        return model.ToByteArray();
    }

    /// <summary>The <c>metadata_props</c> of a serialized ONNX model, and its graph's constants by name.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static (IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, TensorProto> Initializers) Read(byte[] model)
    {
        var parsed = Parse(model);
        var initializers = new Dictionary<string, TensorProto>();
        foreach (var tensor in parsed.Graph?.Initializer ?? [])
        {
            initializers.TryAdd(tensor.Name, tensor);
        }

        var metadata = new Dictionary<string, string>();
        foreach (var entry in parsed.MetadataProps)
        {
            metadata.TryAdd(entry.Key, entry.Value);
        }

        return (metadata, initializers);
    }

    private TensorProto Tensor(string hint, TensorProto.Types.DataType type, long[] dimensions)
    {
        var tensor = new TensorProto { Name = Unique(hint), DataType = (int)type };
        tensor.Dims.AddRange(dimensions);
        return tensor;
    }

    private string Unique(string hint)
    {
        var name = hint;
        for (var i = 1; _reserved.Contains(name) || !_names.Add(name); i++)
        {
            name = $"{hint}_{i}";
        }

        return name;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
