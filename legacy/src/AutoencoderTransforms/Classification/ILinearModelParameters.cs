using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>What the prediction transformers need from a linear model: its margins, saved and exported.</summary>
internal interface ILinearModelParameters
{
    /// <summary>The fitted weights and biases.</summary>
    LinearClassifier Classifier { get; }
}

/// <summary>The one home of a linear model's margins in a model file and in an ONNX graph.</summary>
internal static class LinearModelPersistence
{
    /// <summary>The weights and biases as a JSON object of the model file.</summary>
    public static JsonObject Save(LinearClassifier classifier) => new()
    {
        ["inputWidth"] = classifier.InputWidth,
        ["weights"] = JsonFloats.ToJson(classifier.Weights),
        ["biases"] = JsonFloats.ToJson(classifier.Biases),
    };

    /// <summary>Reads what <see cref="Save"/> wrote; null when it is missing, not finite or does not make <paramref name="margins"/> margins of its input width.</summary>
    public static LinearClassifier? Load(JsonNode? json, int margins)
    {
        var (weights, biases) = (JsonFloats.Read(json?["weights"]), JsonFloats.Read(json?["biases"]));
        if (json?["inputWidth"] is not JsonValue width || !width.TryGetValue(out int inputWidth) || weights is null || biases is null
            || biases.Length != margins || weights.Length != (long)margins * inputWidth)
        {
            return null;
        }

        try
        {
            return new LinearClassifier(weights, biases);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Adds the node computing the margins (N x margin count) of <paramref name="features"/>; returns its value.</summary>
    public static string ExportMargins(OnnxExportContext context, LinearClassifier classifier, string features) =>
        context.Node("Gemm", [features, context.Constant("linear.weights", classifier.Weights.ToArray(), classifier.MarginCount, classifier.InputWidth),
            context.Constant("linear.biases", classifier.Biases.ToArray(), classifier.MarginCount)], "linear.margins", OnnxAttributes.Int("transB", 1));
}
