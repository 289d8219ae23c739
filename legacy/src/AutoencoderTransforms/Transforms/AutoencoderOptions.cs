namespace Autoencoders.Transforms;

/// <summary>
/// The settings shared by every autoencoder estimator: the training options it inherits (declared
/// once, in <see cref="AutoencoderTrainingOptions"/>; in a pipeline a null <c>Seed</c> takes the
/// context's next seed), the architecture, and how rows stream. Defaults are in
/// <see cref="AutoencoderDefaults"/> and <see cref="AutoencoderTrainingDefaults"/>.
/// </summary>
public abstract class AutoencoderOptions : AutoencoderTrainingOptions
{
    /// <summary>Width of the code. Defaults to null: <see cref="AutoencoderDefaults.LatentDimensionFor"/> of the input width.</summary>
    public int? LatentDimension { get; set; }

    /// <summary>Encoder hidden widths from the input side (the decoder mirrors them). Defaults to null: chosen by <see cref="DenseAutoencoderSpec.DefaultHiddenWidths"/>.</summary>
    public int[]? HiddenWidths { get; set; }

    /// <summary>Activation after each hidden layer. Defaults to ReLU.</summary>
    public Activation Activation { get; set; } = Activation.ReLU;

    /// <summary>Activation of the reconstruction. Defaults to null: chosen from the training data's range.</summary>
    public Activation? OutputActivation { get; set; }

    /// <summary>Dropout after each hidden activation, in [0, 1). Defaults to 0.</summary>
    public float DropoutRate { get; set; }

    /// <summary>Whether hidden layers are batch-normalized. Defaults to false.</summary>
    public bool BatchNormalization { get; set; }

    /// <summary>
    /// The encoder's convolutions, which make the autoencoder convolutional (see
    /// <see cref="ConvolutionalAutoencoderSpec"/>, whose
    /// <see cref="ConvolutionalAutoencoderSpec.DefaultConvolutionsFor"/> the image's size is a good start) and need <see cref="ImageShape"/>. Defaults to null: a dense autoencoder.
    /// </summary>
    public IReadOnlyList<ConvolutionalAutoencoderSpec.Convolution>? Convolutions { get; set; }

    /// <summary>Whether a 2 x 2 max-pool follows each stride-1 convolution. Defaults to false.</summary>
    public bool MaxPooling { get; set; }

    /// <summary>Whether the autoencoder is variational (its code is the posterior mean). Defaults to false.</summary>
    public bool Variational { get; set; }

    /// <summary>Activation of the code units of a dense autoencoder (Sigmoid for KL sparsity). Defaults to Identity.</summary>
    public Activation LatentActivation { get; set; } = Activation.Identity;

    /// <summary>
    /// Rows held for shuffling when the training rows cannot be shuffled in place (a file, a query,
    /// the rows a validation split keeps): each epoch hands out rows drawn at random from a pool of
    /// this many, refilled from the data as it streams, so memory holds this many rows and a row
    /// moves at most about this far from its place in the data. Data of at most this many rows is
    /// shuffled completely; for larger data sorted by something that matters (time, class), shuffle
    /// it once on disk or cache it (<c>ml.Data.Cache</c>) to shuffle completely. Defaults to
    /// <see cref="AutoencoderDefaults.ShufflePoolSize"/>.
    /// </summary>
    public int ShufflePoolSize { get; set; } = AutoencoderDefaults.ShufflePoolSize;

    /// <summary>Cancels training; checked after every batch.</summary>
    public CancellationToken CancellationToken { get; set; }

    internal IAutoencoderSpec ToSpec(int inputWidth)
    {
        var latent = LatentDimension ?? AutoencoderDefaults.LatentDimensionFor(inputWidth);
        if (latent < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LatentDimension), latent, $"{nameof(LatentDimension)} must be at least 1.");
        }

        AutoencoderTrainer.RequireNarrowCodeUnlessRegularized(latent, inputWidth, Variational, Noise, Sparsity, ContractiveWeight, nameof(LatentDimension));

        if (ImageShape is { } image && !image.Holds(inputWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(ImageShape), image,
                $"{nameof(ImageShape)} {image} holds {image.Size} values but the input column has {inputWidth}.");
        }

        if (Convolutions is null)
        {
            return new DenseAutoencoderSpec(inputWidth, latent, HiddenWidths, Activation, OutputActivation, DropoutRate, BatchNormalization, Variational, LatentActivation);
        }

        var shape = ImageShape ?? throw new ArgumentOutOfRangeException(nameof(ImageShape), null, $"{nameof(Convolutions)} need the rows' {nameof(ImageShape)}.");
        return new ConvolutionalAutoencoderSpec(shape.Channels, shape.Height, shape.Width, latent, Convolutions, Activation, MaxPooling, OutputActivation, Variational);
    }
}
