using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// Options of <c>mlContext.MulticlassClassification.Trainers.SemiSupervisedAutoencoder</c>: the
/// columns, the network's shape here, how it trains inherited from <see cref="SemiSupervisedTrainingOptions"/>
/// (in a pipeline a null <c>Seed</c> takes the context's next seed, as ML.NET's trainers do).
/// </summary>
public sealed class SemiSupervisedAutoencoderOptions : SemiSupervisedTrainingOptions
{
    /// <summary>The label column: a key (ML.NET's <c>MapValueToKey</c> makes one), its missing value (key 0) marking the rows without a label. Defaults to "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The feature column: Single vectors of known size. Defaults to "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Values in the code the classifier reads; at least 1. Defaults to 32.</summary>
    public int LatentDimension { get; set; } = 32;

    /// <summary>Encoder hidden widths from the input side (the decoder mirrors them). Defaults to null: one layer chosen from the input and code widths.</summary>
    public IReadOnlyList<int>? HiddenWidths { get; set; }

    /// <summary>
    /// The encoder's convolutions, which make the autoencoder convolutional and need
    /// <see cref="SemiSupervisedTrainingOptions.ImageShape"/>. Defaults to null: a dense autoencoder.
    /// </summary>
    public IReadOnlyList<ConvolutionalAutoencoderSpec.Convolution>? Convolutions { get; set; }

    /// <summary>The network for rows of <paramref name="inputWidth"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range for such rows.</exception>
    internal IAutoencoderSpec ToSpec(int inputWidth)
    {
        if (Convolutions is null)
        {
            return new DenseAutoencoderSpec(inputWidth, LatentDimension, HiddenWidths);
        }

        var shape = ImageShape ?? throw new ArgumentOutOfRangeException(nameof(ImageShape), null, $"{nameof(Convolutions)} need the rows' {nameof(ImageShape)}.");
        return new ConvolutionalAutoencoderSpec(shape.Channels, shape.Height, shape.Width, LatentDimension, Convolutions);
    }
}
