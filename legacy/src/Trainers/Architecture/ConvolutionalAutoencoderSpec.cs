namespace Autoencoders.Trainers;

/// <summary>
/// A convolutional autoencoder for images of (channels, height, width), stored as rows of
/// channels x height x width values. The encoder is Conv2d layers (each followed by the
/// activation, and max-pooling when asked for), flattened into a linear code; the decoder mirrors
/// it with ConvTranspose2d layers and trims (or pads) the result back to the input's size.
/// </summary>
public sealed class ConvolutionalAutoencoderSpec : IAutoencoderSpec
{
    /// <summary>One convolution of the encoder.</summary>
    /// <param name="Channels">Channels it produces.</param>
    /// <param name="Kernel">Square kernel size.</param>
    /// <param name="Stride">Step between kernel positions.</param>
    /// <param name="Padding">Zeros added on each side.</param>
    public sealed record Convolution(int Channels, int Kernel, int Stride, int Padding);

    /// <summary>
    /// The convolutions used when none are given: channels 1 -> 32 -> 64 -> 64 -> 64 (from the
    /// input's channels), 3 x 3 kernels, strides 1, 2, 2, 1, padding 1: 28 x 28 becomes 7 x 7
    /// before the linear code.
    /// </summary>
    public static IReadOnlyList<Convolution> DefaultConvolutions { get; } = [new(32, 3, 1, 1), new(64, 3, 2, 1), new(64, 3, 2, 1), new(64, 3, 1, 1)];

    /// <summary>
    /// The convolutions used when none are given for images of <paramref name="height"/> x
    /// <paramref name="width"/>: <see cref="DefaultConvolutions"/> up to 32 x 32; for larger images,
    /// 32 channels at stride 1, then 3 x 3 convolutions of stride 2 (channels doubling up to 128)
    /// until the smaller side is 8 or less, so the code is made from a map of at most 8 rows or
    /// columns whatever the image's size.
    /// </summary>
    public static IReadOnlyList<Convolution> DefaultConvolutionsFor(int height, int width)
    {
        if (height <= 32 && width <= 32)
        {
            return DefaultConvolutions;
        }

        var convolutions = new List<Convolution> { new(32, 3, 1, 1) };
        for (var (side, channels) = (Math.Min(height, width), 32); side > 8; side = (side + 1) / 2)
        {
            channels = Math.Min(channels * 2, 128);
            convolutions.Add(new Convolution(channels, 3, 2, 1));
        }

        return convolutions;
    }

    /// <summary>Creates a spec; every argument is checked here, and the layers are built to check they fit the image.</summary>
    /// <param name="channels">Channels of the input images.</param>
    /// <param name="height">Rows of pixels.</param>
    /// <param name="width">Columns of pixels.</param>
    /// <param name="latentWidth">Values in the linear code.</param>
    /// <param name="convolutions">The encoder's convolutions; null uses <see cref="DefaultConvolutionsFor"/> the image's size.</param>
    /// <param name="activation">Activation after each convolution. Defaults to ReLU.</param>
    /// <param name="maxPooling">Whether a 2 x 2 max-pool follows each convolution of stride 1. Defaults to false.</param>
    /// <param name="outputActivation">Activation of the reconstruction; null means chosen from the training data's range.</param>
    /// <param name="variational">Whether the code is a variational posterior (mean and log-variance heads). Defaults to false.</param>
    public ConvolutionalAutoencoderSpec(int channels, int height, int width, int latentWidth, IReadOnlyList<Convolution>? convolutions = null,
        Activation activation = Activation.ReLU, bool maxPooling = false, Activation? outputActivation = null, bool variational = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentWidth, 1);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }

        if (outputActivation is { } output && !Enum.IsDefined(output))
        {
            throw new ArgumentOutOfRangeException(nameof(outputActivation), output, "Unknown activation.");
        }

        Channels = channels;
        Height = height;
        Width = width;
        LatentWidth = latentWidth;
        Convolutions = convolutions?.ToArray() ?? DefaultConvolutionsFor(height, width);
        if (Convolutions.Count == 0 || Convolutions.Any(c => c is null || c.Channels < 1 || c.Kernel < 1 || c.Stride < 1 || c.Padding < 0))
        {
            throw new ArgumentException("Give at least one convolution, each with positive channels, kernel and stride and no negative padding.", nameof(convolutions));
        }

        Activation = activation;
        MaxPooling = maxPooling;
        OutputActivation = outputActivation;
        Variational = variational;
        try
        {
            ToArchitecture();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The convolutions do not fit a ({channels}, {height}, {width}) image: {e.Message}", nameof(convolutions), e);
        }
    }

    /// <summary>Channels of the input images.</summary>
    public int Channels { get; }

    /// <summary>Rows of pixels.</summary>
    public int Height { get; }

    /// <summary>Columns of pixels.</summary>
    public int Width { get; }

    /// <summary>Values per row: channels x height x width.</summary>
    public int InputWidth => checked(Channels * Height * Width);

    /// <summary>Values in the code.</summary>
    public int LatentWidth { get; }

    /// <summary>The encoder's convolutions.</summary>
    public IReadOnlyList<Convolution> Convolutions { get; }

    /// <summary>Activation after each convolution.</summary>
    public Activation Activation { get; }

    /// <summary>Whether a 2 x 2 max-pool follows each convolution of stride 1.</summary>
    public bool MaxPooling { get; }

    /// <summary>Activation of the reconstruction; null means chosen from the training data's range.</summary>
    public Activation? OutputActivation { get; }

    /// <summary>Whether this is a variational autoencoder.</summary>
    public bool Variational { get; }

    /// <summary>The exact layers, with <paramref name="outputActivation"/> when the spec leaves it open.</summary>
    public AutoencoderArchitecture ToArchitecture(Activation outputActivation = Activation.Identity)
    {
        var encoder = new List<AutoencoderLayer> { new UnflattenLayer(Channels, Height, Width) };
        var decoderSteps = new List<AutoencoderLayer>();
        int[] shape = [Channels, Height, Width];
        foreach (var convolution in Convolutions)
        {
            var before = shape;
            var conv = new Conv2dLayer(shape[0], convolution.Channels, convolution.Kernel, convolution.Stride, convolution.Padding);
            shape = conv.OutputShapeFor(shape);
            encoder.Add(conv);
            encoder.Add(new ActivationLayer(Activation));
            var pooled = MaxPooling && convolution.Stride == 1;
            if (pooled)
            {
                var pool = new MaxPool2dLayer(2, 2);
                shape = pool.OutputShapeFor(shape);
                encoder.Add(pool);
            }

            // The mirror step: grows shape back to before; pooling is undone by the stride.
            var stride = pooled ? 2 : convolution.Stride;
            var grown = ConvTranspose2dLayer.OutputSize(shape[1], convolution.Kernel, stride, convolution.Padding, 0);
            var outputPadding = Math.Clamp(before[1] - grown, 0, stride - 1);
            decoderSteps.Insert(0, new ConvTranspose2dLayer(shape[0], before[0], convolution.Kernel, stride, convolution.Padding, outputPadding));
        }

        var flat = shape[0] * shape[1] * shape[2];
        encoder.Add(new FlattenLayer());
        encoder.Add(new LinearLayer(flat, Variational ? 2 * LatentWidth : LatentWidth));

        var decoder = new List<AutoencoderLayer> { new LinearLayer(LatentWidth, flat), new ActivationLayer(Activation), new UnflattenLayer(shape[0], shape[1], shape[2]) };
        for (var i = 0; i < decoderSteps.Count; i++)
        {
            decoder.Add(decoderSteps[i]);
            if (i < decoderSteps.Count - 1)
            {
                decoder.Add(new ActivationLayer(Activation));
            }
        }

        decoder.Add(new Resize2dLayer(Height, Width));
        decoder.Add(new FlattenLayer());
        decoder.Add(new ActivationLayer(OutputActivation ?? outputActivation));
        return new AutoencoderArchitecture(InputWidth, LatentWidth, encoder, decoder, Variational);
    }
}
