namespace Autoencoders.Transforms;

/// <summary>
/// Options of <c>mlContext.Transforms.AutoencoderEmbed</c>: the columns, and (inherited) the
/// autoencoder's shape and how it trains. Every default is here or in the classes it derives from.
/// </summary>
public sealed class AutoencoderEmbeddingOptions : AutoencoderOptions
{
    /// <summary>The column the code is written to. Defaults to "Embedding".</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    /// <summary>The column of Single vectors (of known size) to encode; null means <see cref="OutputColumnName"/>. Defaults to null.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>The input column actually read.</summary>
    internal string EffectiveInputColumnName => InputColumnName ?? OutputColumnName;

    /// <summary>A copy, so a fit never sees later changes to the caller's object.</summary>
    internal AutoencoderEmbeddingOptions Copy() => (AutoencoderEmbeddingOptions)MemberwiseClone();
}
