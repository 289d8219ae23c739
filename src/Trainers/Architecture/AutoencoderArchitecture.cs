using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>
/// The exact layers of an autoencoder: an encoder from the input width to the latent width and
/// a decoder back. This is what the native engine builds; specs such as
/// <see cref="DenseAutoencoderSpec"/> produce one.
/// </summary>
public sealed class AutoencoderArchitecture
{
    /// <summary>Creates and checks an architecture.</summary>
    /// <param name="inputWidth">Values per input row.</param>
    /// <param name="latentWidth">Values in the code the encoder produces.</param>
    /// <param name="encoder">Layers from the input to the code.</param>
    /// <param name="decoder">Layers from the code back to the input width.</param>
    /// <param name="variational">
    /// Whether the encoder outputs a posterior (mean, then log-variance: 2 x <paramref name="latentWidth"/>
    /// values) from which training samples the code: a variational autoencoder.
    /// </param>
    /// <exception cref="ArgumentException">The layers do not chain from input to code and back.</exception>
    public AutoencoderArchitecture(int inputWidth, int latentWidth, IEnumerable<AutoencoderLayer> encoder, IEnumerable<AutoencoderLayer> decoder,
        bool variational = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentWidth, 1);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        InputWidth = inputWidth;
        LatentWidth = latentWidth;
        Encoder = encoder.ToArray();
        Decoder = decoder.ToArray();
        IsVariational = variational;
        CheckStack(Encoder, inputWidth, variational ? 2 * latentWidth : latentWidth, nameof(encoder));
        CheckStack(Decoder, latentWidth, inputWidth, nameof(decoder));
    }

    /// <summary>Values per input row.</summary>
    public int InputWidth { get; }

    /// <summary>Values in the code.</summary>
    public int LatentWidth { get; }

    /// <summary>Layers from the input to the code.</summary>
    public IReadOnlyList<AutoencoderLayer> Encoder { get; }

    /// <summary>Layers from the code back to the input width.</summary>
    public IReadOnlyList<AutoencoderLayer> Decoder { get; }

    /// <summary>Whether this is a variational autoencoder (the encoder outputs a mean and a log-variance).</summary>
    public bool IsVariational { get; }

    /// <summary>Whether any layer is batch normalization (which cannot train on a batch of one row).</summary>
    public bool HasBatchNorm => Encoder.Concat(Decoder).Any(layer => layer is BatchNormLayer);

    /// <summary>The float values of the network's weights and running statistics, counted without building it.</summary>
    internal double StateValues => Encoder.Concat(Decoder).Sum(layer => (double)layer.StateValues);

    /// <summary>The spec JSON the native engine reads (see ae_shim.h).</summary>
    public string ToJson() => new JsonObject
    {
        ["input_width"] = InputWidth,
        ["latent_width"] = LatentWidth,
        ["variational"] = IsVariational,
        ["encoder"] = new JsonArray(Encoder.Select(layer => (JsonNode)layer.ToJson()).ToArray()),
        ["decoder"] = new JsonArray(Decoder.Select(layer => (JsonNode)layer.ToJson()).ToArray()),
    }.ToJsonString();

    /// <summary>Reads an architecture written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not such a spec.</exception>
    public static AutoencoderArchitecture FromJson(string json)
    {
        try
        {
            var node = JsonNode.Parse(json) ?? throw new FormatException("empty architecture JSON");
            return new AutoencoderArchitecture(
                (int)node["input_width"]!,
                (int)node["latent_width"]!,
                node["encoder"]!.AsArray().Select(layer => AutoencoderLayer.FromJson(layer!)),
                node["decoder"]!.AsArray().Select(layer => AutoencoderLayer.FromJson(layer!)),
                (bool?)node["variational"] ?? false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            throw new FormatException($"not an autoencoder architecture: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();

    private static void CheckStack(IReadOnlyList<AutoencoderLayer> layers, int from, int to, string name)
    {
        int[] shape = [from];
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i] is null)
            {
                throw new ArgumentException($"{name} layer {i} is null", name);
            }

            try
            {
                shape = layers[i].OutputShapeFor(shape);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{name} layer {i}: {e.Message}", name, e);
            }
        }

        if (shape.Length != 1 || shape[0] != to)
        {
            throw new ArgumentException($"{name} ends at {AutoencoderLayer.Describe(shape)} but must end at width {to}", name);
        }
    }
}
