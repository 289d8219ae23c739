namespace Autoencoders.Transforms;

/// <summary>Options of <c>AutoencoderEmbed</c> and <c>AutoencoderReconstruct</c>.</summary>
public sealed class AutoencoderTransformOptions : AutoencoderOptions
{
    /// <summary>The column produced: the code, or the reconstruction.</summary>
    public string OutputColumnName { get; set; } = "";

    /// <summary>The Single or vector column read. Defaults to null: the output column's name.</summary>
    public string? InputColumnName { get; set; }
}
