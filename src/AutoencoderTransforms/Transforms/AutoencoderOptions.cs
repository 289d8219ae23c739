namespace Autoencoders.Transforms;

/// <summary>
/// The architecture and training settings shared by every autoencoder estimator. Defaults are in
/// <see cref="AutoencoderDefaults"/> and <see cref="AutoencoderTrainingDefaults"/>.
/// </summary>
public abstract class AutoencoderOptions
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

    /// <summary>Input corruption for a denoising autoencoder. Defaults to <see cref="AutoencoderTrainingDefaults.Noise"/>.</summary>
    public NoiseKind Noise { get; set; } = AutoencoderTrainingDefaults.Noise;

    /// <summary>The corruption's strength (see <see cref="AutoencoderTrainingOptions.NoiseLevel"/>). Defaults to <see cref="AutoencoderTrainingDefaults.NoiseLevel"/>.</summary>
    public float NoiseLevel { get; set; } = AutoencoderTrainingDefaults.NoiseLevel;

    /// <summary>
    /// The (channels, height, width) layout of the input rows, which convolutions and rotation noise
    /// need; when set, the column must hold exactly that many values. Defaults to null.
    /// </summary>
    public ImageShape? ImageShape { get; set; }

    /// <summary>
    /// The encoder's convolutions, which make the autoencoder convolutional (see
    /// <see cref="ConvolutionalAutoencoderSpec"/>; <see cref="ConvolutionalAutoencoderSpec.CoursePreset"/>
    /// is the course's) and need <see cref="ImageShape"/>. Defaults to null: a dense autoencoder.
    /// </summary>
    public IReadOnlyList<ConvolutionalAutoencoderSpec.Convolution>? Convolutions { get; set; }

    /// <summary>Whether a 2 x 2 max-pool follows each stride-1 convolution. Defaults to false.</summary>
    public bool MaxPooling { get; set; }

    /// <summary>Whether the autoencoder is variational (its code is the posterior mean). Defaults to false.</summary>
    public bool Variational { get; set; }

    /// <summary>Activation of the code units of a dense autoencoder (Sigmoid for KL sparsity). Defaults to Identity.</summary>
    public Activation LatentActivation { get; set; } = Activation.Identity;

    /// <summary>Weight of a variational autoencoder's KL term. Defaults to <see cref="AutoencoderTrainingDefaults.Beta"/>.</summary>
    public float Beta { get; set; } = AutoencoderTrainingDefaults.Beta;

    /// <summary>Sparsity penalty on the code. Defaults to <see cref="AutoencoderTrainingDefaults.Sparsity"/>.</summary>
    public SparsityPenalty Sparsity { get; set; } = AutoencoderTrainingDefaults.Sparsity;

    /// <summary>Weight of the sparsity penalty. Defaults to <see cref="AutoencoderTrainingDefaults.SparsityWeight"/>.</summary>
    public float SparsityWeight { get; set; } = AutoencoderTrainingDefaults.SparsityWeight;

    /// <summary>Target activation of the KL sparsity penalty. Defaults to <see cref="AutoencoderTrainingDefaults.SparsityTarget"/>.</summary>
    public float SparsityTarget { get; set; } = AutoencoderTrainingDefaults.SparsityTarget;

    /// <summary>Weight of the contractive penalty. Defaults to <see cref="AutoencoderTrainingDefaults.ContractiveWeight"/>.</summary>
    public float ContractiveWeight { get; set; } = AutoencoderTrainingDefaults.ContractiveWeight;

    /// <summary>Passes over the training rows. Defaults to <see cref="AutoencoderTrainingDefaults.Epochs"/>.</summary>
    public int Epochs { get; set; } = AutoencoderTrainingDefaults.Epochs;

    /// <summary>Rows per optimizer step. Defaults to <see cref="AutoencoderTrainingDefaults.BatchSize"/>.</summary>
    public int BatchSize { get; set; } = AutoencoderTrainingDefaults.BatchSize;

    /// <summary>Adam's learning rate. Defaults to <see cref="AutoencoderTrainingDefaults.LearningRate"/>.</summary>
    public float LearningRate { get; set; } = AutoencoderTrainingDefaults.LearningRate;

    /// <summary>L2 weight decay. Defaults to <see cref="AutoencoderTrainingDefaults.WeightDecay"/>.</summary>
    public float WeightDecay { get; set; } = AutoencoderTrainingDefaults.WeightDecay;

    /// <summary>The training loss. Defaults to <see cref="AutoencoderTrainingDefaults.Loss"/>.</summary>
    public ReconstructionLoss Loss { get; set; } = AutoencoderTrainingDefaults.Loss;

    /// <summary>Share of rows held out for validation and early stopping. Defaults to <see cref="AutoencoderTrainingDefaults.ValidationFraction"/>.</summary>
    public float ValidationFraction { get; set; } = AutoencoderTrainingDefaults.ValidationFraction;

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

    /// <summary>Epochs without improvement before stopping. Defaults to <see cref="AutoencoderTrainingDefaults.EarlyStoppingPatience"/>.</summary>
    public int EarlyStoppingPatience { get; set; } = AutoencoderTrainingDefaults.EarlyStoppingPatience;

    /// <summary>
    /// Where to keep a training checkpoint, so that a <c>Fit</c> killed midway resumes where it was
    /// when run again with the same data and options, <see cref="Seed"/> included (see
    /// <see cref="AutoencoderTrainingOptions.CheckpointPath"/>). Defaults to null (none).
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Epochs between checkpoints. Defaults to <see cref="AutoencoderTrainingDefaults.CheckpointInterval"/>.</summary>
    public int CheckpointInterval { get; set; } = AutoencoderTrainingDefaults.CheckpointInterval;

    /// <summary>Seeds the weights, shuffling and splits. Defaults to null: the context's next seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Told after every epoch, on the training thread.</summary>
    public IProgress<EpochProgress>? Progress { get; set; }

    /// <summary>Told after every batch, on the training thread.</summary>
    public IProgress<BatchProgress>? BatchProgress { get; set; }

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

    internal AutoencoderTrainingOptions ToTrainingOptions(int seed) => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        Loss = Loss,
        Noise = Noise,
        NoiseLevel = NoiseLevel,
        ImageShape = ImageShape,
        Beta = Beta,
        Sparsity = Sparsity,
        SparsityWeight = SparsityWeight,
        SparsityTarget = SparsityTarget,
        ContractiveWeight = ContractiveWeight,
        ValidationFraction = ValidationFraction,
        EarlyStoppingPatience = EarlyStoppingPatience,
        Seed = seed,
        CheckpointPath = CheckpointPath,
        CheckpointInterval = CheckpointInterval,
        Progress = Progress,
        BatchProgress = BatchProgress,
    };
}
