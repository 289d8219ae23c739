using Autoencoders.Trainers.Onnx.Protobuf;

namespace Autoencoders.Trainers.Onnx;

/// <summary>
/// Joins the ONNX graphs of a pipeline's steps into one graph. Each step's graph reads and writes
/// named columns, all as batches of rows (a tensor of shape [rows, width] per column); the joined graph
/// keeps, for each column, the value that last wrote it, feeds it to the next step that reads it, and
/// names each step's own values with a prefix of its step so that no two steps' names meet. The
/// pipeline's input columns are the inputs of the graph the pipeline starts from.
/// </summary>
internal sealed class OnnxPipelineGraph
{
    private const string DefaultDomain = "";

    private readonly GraphProto _graph = new() { Name = "pipeline" };
    private readonly Dictionary<string, (string Value, TypeProto Type)> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _operatorSets = new(StringComparer.Ordinal);
    private long _irVersion;
    private int _steps;

    /// <summary>Starts from <paramref name="inputs"/>, a graph whose inputs are the pipeline's input columns, each named as its column.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public OnnxPipelineGraph(byte[] inputs)
    {
        var model = OnnxGraphBuilder.ParseWithGraph(inputs);
        Import(model);
        foreach (var input in model.Graph.Input.Where(input => !model.Graph.Initializer.Any(tensor => tensor.Name == input.Name)))
        {
            _graph.Input.Add(input.Clone());
            _columns[input.Name] = (input.Name, input.Type);
        }
    }

    /// <summary>
    /// Appends a step: <paramref name="step"/>'s inputs are fed the columns <paramref name="columnRead"/>
    /// names for them, and its outputs become the columns <paramref name="columnWritten"/> names (an
    /// output it names none for, null, is dropped).
    /// </summary>
    /// <exception cref="InvalidDataException">The step is not an ONNX model, reads a column the pipeline does not have, or uses another version of an operator set than the steps before it.</exception>
    public void Append(byte[] step, Func<string, string> columnRead, Func<string, string?> columnWritten)
    {
        var model = OnnxGraphBuilder.ParseWithGraph(step);
        if (model.Functions.Count > 0)
        {
            throw new InvalidDataException("A step's graph defines functions of its own, which cannot be joined.");
        }

        Import(model);
        var graph = model.Graph;
        var prefix = $"step{++_steps}/";
        var initializers = graph.Initializer.Select(tensor => tensor.Name).Concat(graph.SparseInitializer.Select(tensor => tensor.Values.Name)).ToHashSet(StringComparer.Ordinal);
        var fed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in graph.Input.Where(input => !initializers.Contains(input.Name)))
        {
            var column = columnRead(input.Name);
            fed[input.Name] = _columns.TryGetValue(column, out var value)
                ? value.Value
                : throw new InvalidDataException($"A step reads the column '{column}', which the pipeline does not have at that point.");
        }

        string Rename(string name) => name.Length == 0 ? name : fed.TryGetValue(name, out var value) ? value : prefix + name;

        foreach (var node in graph.Node)
        {
            _graph.Node.Add(Renamed(node, Rename, prefix));
        }

        _graph.Initializer.AddRange(graph.Initializer.Select(tensor => Renamed(tensor, Rename)));
        _graph.SparseInitializer.AddRange(graph.SparseInitializer.Select(tensor => Renamed(tensor, Rename)));
        _graph.ValueInfo.AddRange(graph.ValueInfo.Where(info => !fed.ContainsKey(info.Name)).Select(info => Renamed(info, Rename)));
        foreach (var output in graph.Output)
        {
            if (columnWritten(output.Name) is { } column)
            {
                _columns[column] = (Rename(output.Name), output.Type);
            }
        }
    }

    /// <summary>Makes <paramref name="column"/> the value of <paramref name="source"/> (a step that renames or copies a column).</summary>
    /// <exception cref="InvalidDataException">The pipeline has no column <paramref name="source"/>.</exception>
    public void Alias(string column, string source) =>
        _columns[column] = _columns.TryGetValue(source, out var value) ? value : throw new InvalidDataException($"A step copies the column '{source}', which the pipeline does not have at that point.");

    /// <summary>
    /// The joined model with one output per entry of <paramref name="outputs"/>, the value of its column
    /// under its name; what no output needs (nodes, weights, inputs) is left out.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing, or an output's name is taken.</exception>
    public byte[] ToBytes(IReadOnlyList<(string Column, string Name)> outputs)
    {
        var graph = _graph.Clone();
        var taken = graph.Input.Select(input => input.Name).Concat(graph.Node.SelectMany(node => node.Output)).Concat(graph.Initializer.Select(tensor => tensor.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var (column, name) in outputs)
        {
            if (!_columns.TryGetValue(column, out var value))
            {
                throw new ArgumentException($"The pipeline writes no column '{column}'. Its columns are: {string.Join(", ", _columns.Keys.Order(StringComparer.Ordinal))}.", nameof(outputs));
            }

            if (!taken.Add(name))
            {
                throw new ArgumentException($"The output name '{name}' is already a value of the graph.", nameof(outputs));
            }

            graph.Node.Add(new NodeProto { OpType = "Identity", Name = $"output/{name}", Input = { value.Value }, Output = { name } });
            graph.Output.Add(new ValueInfoProto { Name = name, Type = value.Type });
        }

        Prune(graph);
        return OnnxGraphBuilder.Serialize(graph, _irVersion, _operatorSets.Select(set => new OperatorSetIdProto { Domain = set.Key, Version = set.Value }), []);
    }

    /// <summary>Keeps the nodes the outputs need, in their order, and the weights, inputs and value types they read.</summary>
    private static void Prune(GraphProto graph)
    {
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }
        }

        var needed = new HashSet<string>(StringComparer.Ordinal);
        var kept = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<string>(graph.Output.Select(output => output.Name));
        while (pending.TryPop(out var name))
        {
            if (needed.Add(name) && producers.TryGetValue(name, out var node) && kept.Add(node))
            {
                foreach (var read in ReadNames(node))
                {
                    pending.Push(read);
                }
            }
        }

        Keep(graph.Node, kept.Contains);
        Keep(graph.Initializer, tensor => needed.Contains(tensor.Name));
        Keep(graph.SparseInitializer, tensor => needed.Contains(tensor.Values.Name));
        Keep(graph.Input, input => needed.Contains(input.Name));
        Keep(graph.ValueInfo, info => needed.Contains(info.Name));
    }

    /// <summary>Every value <paramref name="node"/> reads, including those its subgraphs read from outside them.</summary>
    private static IEnumerable<string> ReadNames(NodeProto node) =>
        node.Input.Where(name => name.Length > 0).Concat(node.Attribute.SelectMany(attribute => attribute.Graphs.Append(attribute.G)).Where(graph => graph is not null)
            .SelectMany(graph => graph.Node.SelectMany(ReadNames)));

    private static void Keep<T>(Google.Protobuf.Collections.RepeatedField<T> items, Func<T, bool> keep)
    {
        var kept = items.Where(keep).ToList();
        items.Clear();
        items.AddRange(kept);
    }

    /// <summary>Takes in <paramref name="model"/>'s IR version and operator sets, which every step must share.</summary>
    private void Import(ModelProto model)
    {
        _irVersion = Math.Max(_irVersion, model.IrVersion);
        foreach (var set in model.OpsetImport)
        {
            var domain = set.Domain is "ai.onnx" ? DefaultDomain : set.Domain;
            if (_operatorSets.TryGetValue(domain, out var version) && version != set.Version)
            {
                throw new InvalidDataException(
                    $"A step's graph uses version {set.Version} of the operator set '{(domain.Length == 0 ? "ai.onnx" : domain)}' and an earlier step's uses version {version}; one graph can hold only one.");
            }

            _operatorSets[domain] = set.Version;
        }
    }

    private static NodeProto Renamed(NodeProto node, Func<string, string> rename, string prefix)
    {
        var renamed = node.Clone();
        renamed.Name = prefix + node.Name;
        Rewrite(renamed.Input, rename);
        Rewrite(renamed.Output, rename);
        foreach (var attribute in renamed.Attribute)
        {
            if (attribute.G is { } subgraph)
            {
                attribute.G = Renamed(subgraph, rename, prefix);
            }

            for (var i = 0; i < attribute.Graphs.Count; i++)
            {
                attribute.Graphs[i] = Renamed(attribute.Graphs[i], rename, prefix);
            }
        }

        return renamed;
    }

    private static GraphProto Renamed(GraphProto graph, Func<string, string> rename, string prefix)
    {
        var renamed = graph.Clone();
        renamed.Node.Clear();
        renamed.Node.AddRange(graph.Node.Select(node => Renamed(node, rename, prefix)));
        renamed.Initializer.Clear();
        renamed.Initializer.AddRange(graph.Initializer.Select(tensor => Renamed(tensor, rename)));
        foreach (var info in renamed.Input.Concat(renamed.Output).Concat(renamed.ValueInfo))
        {
            info.Name = rename(info.Name);
        }

        return renamed;
    }

    private static TensorProto Renamed(TensorProto tensor, Func<string, string> rename)
    {
        var renamed = tensor.Clone();
        renamed.Name = rename(tensor.Name);
        return renamed;
    }

    private static SparseTensorProto Renamed(SparseTensorProto tensor, Func<string, string> rename)
    {
        var renamed = tensor.Clone();
        renamed.Values.Name = rename(tensor.Values.Name);
        return renamed;
    }

    private static ValueInfoProto Renamed(ValueInfoProto info, Func<string, string> rename)
    {
        var renamed = info.Clone();
        renamed.Name = rename(info.Name);
        return renamed;
    }

    private static void Rewrite(Google.Protobuf.Collections.RepeatedField<string> names, Func<string, string> rename)
    {
        for (var i = 0; i < names.Count; i++)
        {
            names[i] = rename(names[i]);
        }
    }
}
