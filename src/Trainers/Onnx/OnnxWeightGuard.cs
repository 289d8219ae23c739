using System.Runtime.InteropServices;
using Autoencoders.Trainers.Onnx.Protobuf;
using static Autoencoders.Trainers.Onnx.OnnxAttributes;

namespace Autoencoders.Trainers.Onnx;

/// <summary>
/// Makes a graph refuse to run on weights that changed after export. ML.NET stores a saved
/// OnnxTransformer's graph in a zip whose checksums nobody verifies on load, so a flipped bit in the
/// file would reach ONNX Runtime as a slightly different weight and a silently different score. Every
/// float constant is therefore stored twice, and the graph compares the two copies: the input's
/// reshape takes its shape from that comparison, a shape no row fits when any value differs, so a
/// damaged graph fails instead of scoring. The comparison reads only constants, so ONNX Runtime folds
/// it once when it loads the graph (and the failure comes then); the copies cost file size, not time.
/// </summary>
internal static class OnnxWeightGuard
{
    private const string CopySuffix = ".copy";

    /// <summary>Adds the copies of <paramref name="weights"/>, their comparison, and the value of each guarded shape.</summary>
    public static void Add(OnnxGraphBuilder graph, IReadOnlyList<TensorProto> weights, IReadOnlyList<(string Shape, long Width)> guardedShapes)
    {
        var flat = graph.Constant("guard.flat", [-1L], 1);
        var matches = weights.Select(weight =>
        {
            var copy = graph.Constant(weight.Name + CopySuffix, MemoryMarshal.Cast<byte, float>(weight.RawData.Span), weight.Dims.ToArray());
            var equal = graph.Node("Equal", [weight.Name, copy], "guard.equal");
            return graph.Node("Reshape", [graph.Node("Cast", [equal], "guard.match", Int("to", (long)TensorProto.Types.DataType.Float)), flat], "guard.matches");
        }).ToList();
        var all = matches.Count == 1 ? matches[0] : graph.Node("Concat", matches, "guard.all", Int("axis", 0));
        var fewest = graph.Node("ReduceMin", [all], "guard.fewest", Ints("axes", 0), Int("keepdims", 1));
        var intact = graph.Node("Greater", [fewest, graph.Constant("guard.half", [0.5f], 1)], "guard.intact");
        foreach (var (shape, width) in guardedShapes)
        {
            graph.NodeTo(shape, "Where", [intact, graph.Constant($"{shape}.intact", [-1L, width], 2), graph.Constant($"{shape}.damaged", [-1L, width + 1], 2)]);
        }
    }

    /// <summary>The value of the float constant <paramref name="name"/>, checked against its copy.</summary>
    /// <exception cref="InvalidDataException">The constant or its copy is missing, or they differ.</exception>
    public static float[] Read(IReadOnlyDictionary<string, TensorProto> initializers, string name)
    {
        if (!initializers.TryGetValue(name, out var value) || !initializers.TryGetValue(name + CopySuffix, out var copy))
        {
            throw new InvalidDataException($"the graph has no weights '{name}' with their copy");
        }

        if (value.DataType != (int)TensorProto.Types.DataType.Float || !value.RawData.Span.SequenceEqual(copy.RawData.Span) || value.RawData.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"the graph's weights '{name}' differ from their copy: the file is damaged");
        }

        return MemoryMarshal.Cast<byte, float>(value.RawData.Span).ToArray();
    }
}
