using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// What <see cref="AnomalyScore.SmoothedReconstructionError"/> adds to a detector beside the
/// autoencoder: its <see cref="SmoothedImageDifference"/> (image shape and Gaussian), saved with the
/// model and exported to ONNX.
/// </summary>
internal static class SmoothedErrorScore
{
    /// <summary>The smoothing as a saved model holds it.</summary>
    public static JsonObject Save(SmoothedImageDifference smoothing) => new()
    {
        ["shape"] = new JsonArray(smoothing.Shape.Channels, smoothing.Shape.Height, smoothing.Shape.Width),
        ["sigma"] = smoothing.Sigma,
    };

    /// <summary>The saved smoothing, or null where it is missing, out of range or not for rows of <paramref name="inputWidth"/> values.</summary>
    public static SmoothedImageDifference? Load(JsonNode? json, int inputWidth)
    {
        if (json?["shape"] is not JsonArray { Count: 3 } dimensions || json["sigma"] is not JsonValue sigmaValue || !sigmaValue.TryGetValue<float>(out var sigma))
        {
            return null;
        }

        var sides = dimensions.Select(side => side is JsonValue value && value.TryGetValue<int>(out var number) ? number : 0).ToArray();
        var shape = new ImageShape(sides[0], sides[1], sides[2]);
        try
        {
            return shape.Holds(inputWidth) ? new SmoothedImageDifference(shape, sigma) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The squared smoothed differences in ONNX: the rows as images, one depthwise convolution with
    /// the smoothing's Gaussian (the outer product of its kernel) over zeros beyond the edges, then
    /// back to rows.
    /// </summary>
    public static string ExportSquaredErrors(OnnxExportContext context, string difference, SmoothedImageDifference smoothing)
    {
        var shape = smoothing.Shape;
        var taps = smoothing.Kernel;
        var kernel = new float[shape.Channels * taps.Length * taps.Length];
        for (var channel = 0; channel < shape.Channels; channel++)
        for (var i = 0; i < taps.Length; i++)
        for (var j = 0; j < taps.Length; j++)
        {
            kernel[(channel * taps.Length + i) * taps.Length + j] = taps[i] * taps[j];
        }

        var radius = taps.Length / 2;
        var images = context.Node("Reshape", [difference, context.Constant("smoothing.image_shape", [-1L, shape.Channels, shape.Height, shape.Width], 4)], "difference_images");
        var smoothed = context.Node("Conv", [images, context.Constant("smoothing.kernel", kernel, shape.Channels, 1, taps.Length, taps.Length)], "smoothed_difference_images",
            OnnxAttributes.Ints("kernel_shape", taps.Length, taps.Length), OnnxAttributes.Ints("pads", radius, radius, radius, radius), OnnxAttributes.Int("group", shape.Channels));
        var rows = context.Node("Reshape", [smoothed, context.Constant("smoothing.row_shape", [-1L, shape.Size], 2)], "smoothed_difference");
        return context.Node("Mul", [rows, rows], "squared_errors");
    }
}
