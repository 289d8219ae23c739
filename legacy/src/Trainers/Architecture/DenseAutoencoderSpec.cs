namespace Autoencoders.Trainers;

/// <summary>
/// A fully connected autoencoder: input -> hidden widths -> latent code -> hidden widths in reverse
/// -> input. Every hidden layer is Linear, then batch norm (optional), the activation, then dropout
/// (optional); the code itself is linear.
/// </summary>
public sealed class DenseAutoencoderSpec : IAutoencoderSpec
{
    /// <summary>Creates a spec; every argument is checked here.</summary>
    /// <param name="inputWidth">Values per row; at least 2.</param>
    /// <param name="latentWidth">
    /// Values in the code; at least 1. A code at least as wide as the input suits only sparse,
    /// denoising or contractive training (a plain autoencoder would learn the identity), which
    /// the trainer checks.
    /// </param>
    /// <param name="hiddenWidths">
    /// Encoder hidden widths from the input side; the decoder mirrors them. When null, one hidden
    /// layer chosen by <see cref="DefaultHiddenWidths"/>. Empty means none.
    /// </param>
    /// <param name="activation">Activation after each hidden layer. Defaults to ReLU.</param>
    /// <param name="outputActivation">
    /// Activation of the reconstruction. When null, training picks it from the data's range:
    /// Sigmoid for [0, 1], Tanh for [-1, 1], otherwise Identity.
    /// </param>
    /// <param name="dropoutRate">Dropout after each hidden activation, in [0, 1). Defaults to 0 (none).</param>
    /// <param name="batchNormalization">Whether each hidden layer is batch-normalized. Defaults to false.</param>
    /// <param name="variational">Whether to build a variational autoencoder (mean and log-variance heads). Defaults to false.</param>
    /// <param name="latentActivation">
    /// Activation of the code units. Defaults to Identity (a linear code); Sigmoid for a sparse
    /// autoencoder with a KL sparsity target. Not allowed for a variational autoencoder.
    /// </param>
    public DenseAutoencoderSpec(
        int inputWidth,
        int latentWidth,
        IReadOnlyList<int>? hiddenWidths = null,
        Activation activation = Activation.ReLU,
        Activation? outputActivation = null,
        float dropoutRate = 0f,
        bool batchNormalization = false,
        bool variational = false,
        Activation latentActivation = Activation.Identity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentWidth, 1);

        if (hiddenWidths is not null)
        {
            for (var i = 0; i < hiddenWidths.Count; i++)
            {
                if (hiddenWidths[i] < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(hiddenWidths), hiddenWidths[i], $"Hidden width {i} must be at least 1.");
                }
            }
        }

        CheckDefined(activation, nameof(activation));
        CheckDefined(latentActivation, nameof(latentActivation));
        if (variational && latentActivation != Activation.Identity)
        {
            throw new ArgumentOutOfRangeException(nameof(latentActivation), latentActivation, "A variational code is a sampled Gaussian: it takes no activation.");
        }

        if (outputActivation is { } output)
        {
            CheckDefined(output, nameof(outputActivation));
        }

        if (!(dropoutRate >= 0f && dropoutRate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(dropoutRate), dropoutRate, "The dropout rate must be in [0, 1).");
        }

        InputWidth = inputWidth;
        LatentWidth = latentWidth;
        HiddenWidths = hiddenWidths?.ToArray() ?? DefaultHiddenWidths(inputWidth, latentWidth);
        Activation = activation;
        OutputActivation = outputActivation;
        DropoutRate = dropoutRate;
        BatchNormalization = batchNormalization;
        Variational = variational;
        LatentActivation = latentActivation;
    }

    /// <summary>Values per row.</summary>
    public int InputWidth { get; }

    /// <summary>Values in the code.</summary>
    public int LatentWidth { get; }

    /// <summary>Encoder hidden widths from the input side (given or chosen by <see cref="DefaultHiddenWidths"/>).</summary>
    public IReadOnlyList<int> HiddenWidths { get; }

    /// <summary>Activation after each hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>Activation of the reconstruction; null means chosen from the training data's range.</summary>
    public Activation? OutputActivation { get; }

    /// <summary>Dropout rate after each hidden activation.</summary>
    public float DropoutRate { get; }

    /// <summary>Whether each hidden layer is batch-normalized.</summary>
    public bool BatchNormalization { get; }

    /// <summary>Whether this is a variational autoencoder.</summary>
    public bool Variational { get; }

    /// <summary>Activation of the code units.</summary>
    public Activation LatentActivation { get; }

    /// <summary>
    /// The hidden widths used when none are given: one layer whose width is the power of two
    /// nearest, on a log scale, to the midpoint of the input and latent widths, that is
    /// 2^round((log2(input) + log2(latent)) / 2), the geometric mean rounded to a power of two.
    /// For 784 inputs and a 16-wide code the midpoint exponent is 6.81, so the layer has
    /// 2^7 = 128 units (the geometric mean is 112, and 128 is nearer than 64 on the log scale).
    /// No layer when that width would not lie strictly between the two.
    /// </summary>
    public static IReadOnlyList<int> DefaultHiddenWidths(int inputWidth, int latentWidth)
    {
        var exponent = Math.Round((Math.Log2(inputWidth) + Math.Log2(latentWidth)) / 2, MidpointRounding.AwayFromZero);
        var width = (int)Math.Pow(2, exponent);
        return width > latentWidth && width < inputWidth ? [width] : [];
    }

    /// <summary>The output activation that fits data in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Activation OutputActivationForRange(float min, float max) =>
        min >= 0f && max <= 1f ? Activation.Sigmoid
        : min >= -1f && max <= 1f ? Activation.Tanh
        : Activation.Identity;

    /// <summary>The exact layers, with <paramref name="outputActivation"/> when the spec leaves it open.</summary>
    public AutoencoderArchitecture ToArchitecture(Activation outputActivation = Activation.Identity)
    {
        var encoder = new List<AutoencoderLayer>();
        var width = InputWidth;
        foreach (var hidden in HiddenWidths)
        {
            AddHiddenLayer(encoder, width, hidden);
            width = hidden;
        }

        encoder.Add(new LinearLayer(width, Variational ? 2 * LatentWidth : LatentWidth));
        if (LatentActivation != Activation.Identity)
        {
            encoder.Add(new ActivationLayer(LatentActivation));
        }

        var decoder = new List<AutoencoderLayer>();
        width = LatentWidth;
        foreach (var hidden in HiddenWidths.Reverse())
        {
            AddHiddenLayer(decoder, width, hidden);
            width = hidden;
        }

        decoder.Add(new LinearLayer(width, InputWidth));
        decoder.Add(new ActivationLayer(OutputActivation ?? outputActivation));
        return new AutoencoderArchitecture(InputWidth, LatentWidth, encoder, decoder, Variational);
    }

    private void AddHiddenLayer(List<AutoencoderLayer> layers, int from, int to)
    {
        layers.Add(new LinearLayer(from, to));
        if (BatchNormalization)
        {
            layers.Add(new BatchNormLayer(to));
        }

        layers.Add(new ActivationLayer(Activation));
        if (DropoutRate > 0f)
        {
            layers.Add(new DropoutLayer(DropoutRate));
        }
    }

    private static void CheckDefined(Activation activation, string name)
    {
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(name, activation, "Unknown activation.");
        }
    }
}
