namespace Autoencoders.Transforms;

/// <summary>
/// Options of <c>AutoencoderEmbed</c>, <c>AutoencoderReconstruct</c> and <c>AutoencoderDenoise</c>:
/// the columns, and (inherited) the autoencoder's shape and how it trains. Every default is here or
/// in the classes it derives from.
/// </summary>
public sealed class AutoencoderTransformOptions : AutoencoderOptions
{
    /// <summary>The column written: the code or the reconstruction. Defaults to "Embedding".</summary>
    public string OutputColumnName { get; set; } = "Embedding";

    /// <summary>The column of Single vectors (of known size) read; null means <see cref="OutputColumnName"/>. Defaults to null.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>The input column actually read.</summary>
    internal string EffectiveInputColumnName => InputColumnName ?? OutputColumnName;

    /// <summary>A copy, so a fit never sees later changes to the caller's object.</summary>
    internal AutoencoderTransformOptions Copy() => (AutoencoderTransformOptions)MemberwiseClone();
}
