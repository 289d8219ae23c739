using Autoencoders.Trainers.Onnx.Protobuf;

namespace Autoencoders.Trainers.Onnx;

/// <summary>
/// Puts a graph's nodes in the order ONNX requires: each after the nodes whose outputs it reads.
/// Nodes already in order keep it; a node is moved only as far as it must be.
/// </summary>
internal static class OnnxNodeOrder
{
    /// <summary>Reorders <paramref name="graph"/>'s nodes so that every node comes after the producers of its inputs.</summary>
    /// <exception cref="InvalidDataException">The nodes read each other in a cycle.</exception>
    public static void Sort(GraphProto graph)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var output in graph.Node[i].Output.Where(output => output.Length > 0))
            {
                producer[output] = i;
            }
        }

        var sorted = new List<NodeProto>(graph.Node.Count);
        var state = new byte[graph.Node.Count]; // 0 not placed, 1 being placed, 2 placed
        void Place(int node)
        {
            if (state[node] == 2)
            {
                return;
            }

            if (state[node] == 1)
            {
                throw new InvalidDataException($"The graph's node '{graph.Node[node].Name}' reads its own output through other nodes.");
            }

            state[node] = 1;
            foreach (var input in graph.Node[node].Input)
            {
                if (producer.TryGetValue(input, out var source))
                {
                    Place(source);
                }
            }

            state[node] = 2;
            sorted.Add(graph.Node[node]);
        }

        for (var i = 0; i < graph.Node.Count; i++)
        {
            Place(i);
        }

        graph.Node.Clear();
        graph.Node.AddRange(sorted);
    }
}
