using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>An element-wise activation.</summary>
/// <param name="Activation">The function applied.</param>
/// <param name="NegativeSlope">The slope below zero; used by <see cref="Activation.LeakyReLU"/> only.</param>
public sealed record ActivationLayer(Activation Activation, float NegativeSlope = 0.01f) : AutoencoderLayer
{
    private static readonly Dictionary<Activation, string> NativeNames = new()
    {
        [Activation.Identity] = "identity",
        [Activation.ReLU] = "relu",
        [Activation.LeakyReLU] = "leaky_relu",
        [Activation.ELU] = "elu",
        [Activation.SELU] = "selu",
        [Activation.Tanh] = "tanh",
        [Activation.Sigmoid] = "sigmoid",
    };

    internal override int[] OutputShapeFor(int[] input)
    {
        if (!NativeNames.ContainsKey(Activation))
        {
            throw new ArgumentException($"unknown activation {(int)Activation}");
        }

        if (Activation == Activation.LeakyReLU && !float.IsFinite(NegativeSlope))
        {
            throw new ArgumentException($"leaky ReLU slope {NegativeSlope} is not finite");
        }

        return input;
    }

    internal override JsonObject ToJson()
    {
        var json = new JsonObject { ["kind"] = NativeNames[Activation] };
        if (Activation == Activation.LeakyReLU)
        {
            json["slope"] = NegativeSlope;
        }

        return json;
    }

    internal static ActivationLayer FromJson(string kind, JsonNode node)
    {
        foreach (var (activation, name) in NativeNames)
        {
            if (name == kind)
            {
                return new ActivationLayer(activation, (float?)node["slope"] ?? 0.01f);
            }
        }

        throw new FormatException($"unknown layer kind '{kind}'");
    }
}
