using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// What every autoencoder component's options share: the network's shape here, how it trains
/// inherited from <see cref="AutoencoderTrainingOptions"/> (in a pipeline a null <c>Seed</c> takes the
/// context's next seed, as ML.NET's trainers do).
/// </summary>
public abstract class AutoencoderOptions : AutoencoderTrainingOptions
{
    /// <summary>The most code values chosen automatically.</summary>
    public const int MaximumAutomaticLatentDimension = 16;

    /// <summary>Values in the code; at least 1. Defaults to null: <see cref="LatentDimensionFor"/> the input width.</summary>
    public int? LatentDimension { get; set; }

    /// <summary>Encoder hidden widths from the input side (the decoder mirrors them). Defaults to null: one layer chosen from the input and code widths.</summary>
    public IReadOnlyList<int>? HiddenWidths { get; set; }

    /// <summary>Activation after each hidden layer. Defaults to ReLU.</summary>
    public Activation Activation { get; set; } = Activation.ReLU;

    /// <summary>Activation of the reconstruction. Defaults to null: Sigmoid when the training values lie in [0, 1], else Identity.</summary>
    public Activation? OutputActivation { get; set; }

    /// <summary>Dropout after each hidden activation, in [0, 1). Defaults to 0.</summary>
    public float DropoutRate { get; set; }

    /// <summary>Whether hidden layers are batch-normalized. Defaults to false.</summary>
    public bool BatchNormalization { get; set; }

    /// <summary>Whether the autoencoder is variational (its code is the posterior mean). Defaults to false.</summary>
    public bool Variational { get; set; }

    /// <summary>
    /// The encoder's convolutions, which make the autoencoder convolutional and need
    /// <see cref="AutoencoderTrainingOptions.ImageShape"/> (the rows as ExtractPixels lays images
    /// out); <see cref="ConvolutionalAutoencoderSpec.DefaultConvolutionsFor"/> the image's size is a
    /// good start. Defaults to null: a dense autoencoder.
    /// </summary>
    public IReadOnlyList<ConvolutionalAutoencoderSpec.Convolution>? Convolutions { get; set; }

    /// <summary>
    /// Rows held for shuffling when the training rows are more than this: each epoch draws them at
    /// random from a pool of this many (ML.NET's <c>ShuffleRows</c>), refilled as the data streams, so
    /// memory holds this many rows and a row moves at most about this far from its place in the data.
    /// Data of at most this many rows is kept in memory and shuffled whole. For larger data sorted by
    /// something that matters (time, class), shuffle it once on disk or cache it. At least 1.
    /// Defaults to <see cref="DefaultShufflePoolSize"/>.
    /// </summary>
    public int ShufflePoolSize { get; set; } = DefaultShufflePoolSize;

    /// <summary>The default <see cref="ShufflePoolSize"/>.</summary>
    public const int DefaultShufflePoolSize = 100_000;

    /// <summary>The code width used when <see cref="LatentDimension"/> is null: a quarter of the input width, from 1 to <see cref="MaximumAutomaticLatentDimension"/> (784 pixels give 16, 30 features give 7).</summary>
    public static int LatentDimensionFor(int inputWidth) => Math.Clamp(inputWidth / 4, 1, MaximumAutomaticLatentDimension);

    /// <summary>The network for rows of <paramref name="inputWidth"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range for such rows.</exception>
    internal IAutoencoderSpec ToSpec(int inputWidth)
    {
        var latent = LatentDimension ?? LatentDimensionFor(inputWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(latent, 1, nameof(LatentDimension));
        AutoencoderTrainer.RequireNarrowCodeUnlessRegularized(latent, inputWidth, Variational, Noise, Sparsity, ContractiveWeight, nameof(LatentDimension));
        if (ImageShape is { } image && image.Size != inputWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(ImageShape), image, $"{nameof(ImageShape)} {image} holds {image.Size} values but the input column has {inputWidth}.");
        }

        if (Convolutions is null)
        {
            return new DenseAutoencoderSpec(inputWidth, latent, HiddenWidths, Activation, OutputActivation, DropoutRate, BatchNormalization, Variational);
        }

        var shape = ImageShape ?? throw new ArgumentOutOfRangeException(nameof(ImageShape), null, $"{nameof(Convolutions)} need the rows' {nameof(ImageShape)}.");
        return new ConvolutionalAutoencoderSpec(shape.Channels, shape.Height, shape.Width, latent, Convolutions, Activation, maxPooling: false, OutputActivation, Variational);
    }
}
