using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// Options of <c>mlContext.Transforms.AutoencoderEmbed</c>: the columns, the autoencoder's shape,
/// and (inherited) how it trains. Every default is here.
/// </summary>
public sealed class AutoencoderEmbeddingOptions : AutoencoderTrainingOptions
{
    /// <summary>The column the code is written to. Defaults to "Embedding".</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    /// <summary>The column of Single vectors (of known size) to encode; null means <see cref="OutputColumnName"/>. Defaults to null.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>Values in the code, the output column's size; at least 1. Defaults to 16.</summary>
    public int LatentDimension { get; set; } = 16;

    /// <summary>Encoder hidden widths from the input side (the decoder mirrors them); null chooses one layer from the input and code widths. Defaults to null.</summary>
    public IReadOnlyList<int>? HiddenWidths { get; set; }

    /// <summary>Activation after each hidden layer. Defaults to ReLU.</summary>
    public Activation Activation { get; set; } = Activation.ReLU;

    /// <summary>Whether the autoencoder is variational (the code is the posterior mean). Defaults to false.</summary>
    public bool Variational { get; set; }

    /// <summary>The input column actually read.</summary>
    internal string EffectiveInputColumnName => InputColumnName ?? OutputColumnName;

    /// <summary>A copy, so a fit never sees later changes to the caller's object.</summary>
    internal AutoencoderEmbeddingOptions Copy() => (AutoencoderEmbeddingOptions)MemberwiseClone();
}
