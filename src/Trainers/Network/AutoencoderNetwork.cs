using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// The TorchSharp module of an <see cref="AutoencoderArchitecture"/>: an encoder and a decoder stack,
/// their weights drawn from a seeded generator in PyTorch's order and with PyTorch's default
/// initialization, so a run matches PyTorch's under the same seed.
/// </summary>
internal sealed class AutoencoderNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential encoder;
    private readonly Sequential decoder;

    public AutoencoderNetwork(AutoencoderArchitecture architecture, Generator generator) : base(nameof(AutoencoderNetwork))
    {
        Architecture = architecture;
        encoder = Stack(architecture.Encoder, generator);
        decoder = Stack(architecture.Decoder, generator);
        RegisterComponents();
        eval();
    }

    public AutoencoderArchitecture Architecture { get; }

    /// <summary>The code of each row: the posterior mean for a variational model.</summary>
    public Tensor Encode(Tensor input) => Architecture.IsVariational ? EncodeDistribution(input).Mean : encoder.forward(input);

    /// <summary>A variational model's posterior: the mean and the log-variance of each row's code.</summary>
    public (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor input)
    {
        var both = encoder.forward(input);
        var width = Architecture.LatentWidth;
        return (both.narrow(1, 0, width), both.narrow(1, width, width));
    }

    /// <summary>Rows back from codes.</summary>
    public Tensor Decode(Tensor code) => decoder.forward(code);

    /// <summary>The reconstruction of each row (through the mean code for a variational model).</summary>
    public override Tensor forward(Tensor input) => Decode(Encode(input));

    private static Sequential Stack(IReadOnlyList<AutoencoderLayer> layers, Generator generator) =>
        nn.Sequential(layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), Build(layer, generator))).ToArray());

    private static nn.Module<Tensor, Tensor> Build(AutoencoderLayer layer, Generator generator)
    {
        switch (layer)
        {
            case LinearLayer linear:
                var dense = nn.Linear(linear.InputWidth, linear.OutputWidth);
                Initialize(dense.weight!, dense.bias!, generator);
                return dense;
            case Conv2dLayer conv:
                var convolution = nn.Conv2d(conv.InChannels, conv.OutChannels, conv.Kernel, conv.Stride, conv.Padding);
                Initialize(convolution.weight!, convolution.bias!, generator);
                return convolution;
            case ConvTranspose2dLayer transposed:
                var deconvolution = nn.ConvTranspose2d(transposed.InChannels, transposed.OutChannels, transposed.Kernel, transposed.Stride,
                    transposed.Padding, transposed.OutputPadding);
                Initialize(deconvolution.weight!, deconvolution.bias!, generator);
                return deconvolution;
            case MaxPool2dLayer pool:
                return nn.MaxPool2d(pool.Kernel, pool.Stride);
            case FlattenLayer:
                return nn.Flatten();
            case UnflattenLayer unflatten:
                return nn.Unflatten(1, [unflatten.Channels, unflatten.Height, unflatten.Width]);
            case Resize2dLayer resize:
                return new Resize2d(resize.Height, resize.Width);
            case BatchNormLayer norm:
                return nn.BatchNorm1d(norm.Features);
            case DropoutLayer dropout:
                return new SeededDropout(dropout.Rate, generator);
            case ActivationLayer activation:
                return activation.Activation switch
                {
                    Activation.Identity => nn.Identity(),
                    Activation.ReLU => nn.ReLU(),
                    Activation.LeakyReLU => nn.LeakyReLU(activation.NegativeSlope),
                    Activation.ELU => nn.ELU(),
                    Activation.SELU => nn.SELU(),
                    Activation.Tanh => nn.Tanh(),
                    Activation.Sigmoid => nn.Sigmoid(),
                    _ => throw new ArgumentException($"unknown activation {activation.Activation}"),
                };
            default:
                throw new ArgumentException($"no module for layer {layer}");
        }
    }

    /// <summary>
    /// PyTorch's default initialization of linear and convolution layers (Kaiming-uniform with
    /// a = sqrt(5)): weight, then bias, uniform in +-1/sqrt(fan_in), where fan_in is the weight's
    /// second dimension times its kernel size; drawn from <paramref name="generator"/>.
    /// </summary>
    internal static void Initialize(Tensor weight, Tensor bias, Generator generator)
    {
        using var noGrad = no_grad();
        var fanIn = weight.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
        var bound = 1.0 / Math.Sqrt(fanIn);
        weight.uniform_(-bound, bound, generator);
        bias.uniform_(-bound, bound, generator);
    }
}
