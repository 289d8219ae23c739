using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Autoencoders.Trainers;

/// <summary>
/// The network of an <see cref="AutoencoderArchitecture"/>: an encoder and a decoder stack of
/// TorchSharp's functional operations over weights this class owns, drawn from a seeded generator in
/// PyTorch's order and with PyTorch's default initialization, so a run matches PyTorch's under the
/// same seed. Not built of TorchSharp modules: TorchSharp 0.107 never frees part of the native
/// memory of each module it creates (about 700 bytes), so every fit would leak a few kilobytes.
/// Its weights and running statistics are named as PyTorch names a module's
/// (<c>encoder.0.weight</c>, <c>encoder.1.running_mean</c>), in the order TorchSharp's
/// <c>state_dict</c> gives them: every parameter, then every buffer.
/// </summary>
internal sealed class AutoencoderNetwork : IDisposable
{
    private readonly Func<Tensor, Tensor>[] _encoder;
    private readonly Func<Tensor, Tensor>[] _decoder;
    private readonly List<(string Name, Parameter Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor)> _buffers = [];
    private readonly List<Scalar> _constants = [];

    public AutoencoderNetwork(AutoencoderArchitecture architecture, Generator generator)
    {
        Architecture = architecture;
        _encoder = Stack("encoder", architecture.Encoder, generator);
        _decoder = Stack("decoder", architecture.Decoder, generator);
        State = [.. _parameters.Select(entry => (entry.Name, (Tensor)entry.Tensor)), .. _buffers];
    }

    public AutoencoderArchitecture Architecture { get; }

    /// <summary>Whether the network trains (batch statistics, dropout) rather than infers. Defaults to false.</summary>
    public bool Training { get; set; }

    /// <summary>The weights gradients train.</summary>
    public IEnumerable<Parameter> Parameters => _parameters.Select(entry => entry.Tensor);

    /// <summary>The running statistics of batch normalization.</summary>
    public IEnumerable<Tensor> Buffers => _buffers.Select(entry => entry.Tensor);

    /// <summary>Every parameter, then every buffer, by name.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> State { get; }

    /// <summary>The code of each row: the posterior mean for a variational model.</summary>
    public Tensor Encode(Tensor input) => Architecture.IsVariational ? EncodeDistribution(input).Mean : Run(_encoder, input);

    /// <summary>A variational model's posterior: the mean and the log-variance of each row's code.</summary>
    public (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor input)
    {
        var both = Run(_encoder, input);
        var width = Architecture.LatentWidth;
        return (both.narrow(1, 0, width), both.narrow(1, width, width));
    }

    /// <summary>Rows back from codes.</summary>
    public Tensor Decode(Tensor code) => Run(_decoder, code);

    /// <summary>The reconstruction of each row (through the mean code for a variational model).</summary>
    public Tensor Reconstruct(Tensor input) => Decode(Encode(input));

    /// <summary>Frees the weights and running statistics.</summary>
    public void Dispose()
    {
        foreach (var (_, tensor) in State)
        {
            tensor.Dispose();
        }

        _constants.ForEach(constant => constant.Dispose());
    }

    /// <summary>
    /// A weight of <paramref name="shape"/> and a bias of <paramref name="biasWidth"/> values with
    /// PyTorch's default initialization of linear and convolution layers (Kaiming-uniform with
    /// a = sqrt(5)): weight, then bias, uniform in +-1/sqrt(fan_in), where fan_in is the weight's
    /// second dimension times its kernel size; drawn from <paramref name="generator"/>.
    /// </summary>
    internal static (Parameter Weight, Parameter Bias) NewWeights(long[] shape, long biasWidth, Generator generator)
    {
        var (weight, bias) = (new Parameter(empty(shape), requires_grad: true), new Parameter(empty(biasWidth), requires_grad: true));
        using var noGrad = no_grad();
        var bound = 1.0 / Math.Sqrt(shape.Skip(1).Aggregate(1L, (product, size) => product * size));
        weight.uniform_(-bound, bound, generator);
        bias.uniform_(-bound, bound, generator);
        return (weight, bias);
    }

    private static Tensor Run(Func<Tensor, Tensor>[] stack, Tensor input)
    {
        var output = input;
        foreach (var layer in stack)
        {
            output = layer(output);
        }

        return output;
    }

    private Func<Tensor, Tensor>[] Stack(string name, IReadOnlyList<AutoencoderLayer> layers, Generator generator) =>
        layers.Select((layer, i) => Build(layer, $"{name}.{i.ToString(CultureInfo.InvariantCulture)}", generator)).ToArray();

    private (Parameter Weight, Parameter Bias) AddWeights(string prefix, long[] shape, long biasWidth, Generator generator) =>
        Add(prefix, NewWeights(shape, biasWidth, generator));

    /// <summary>Owns <paramref name="weights"/> as the layer <paramref name="prefix"/>'s weight and bias.</summary>
    private (Parameter Weight, Parameter Bias) Add(string prefix, (Parameter Weight, Parameter Bias) weights)
    {
        _parameters.Add(($"{prefix}.weight", weights.Weight));
        _parameters.Add(($"{prefix}.bias", weights.Bias));
        return weights;
    }

    private Func<Tensor, Tensor> Build(AutoencoderLayer layer, string prefix, Generator generator)
    {
        switch (layer)
        {
            case LinearLayer linear:
            {
                var (weight, bias) = AddWeights(prefix, [linear.OutputWidth, linear.InputWidth], linear.OutputWidth, generator);
                return input => F.linear(input, weight, bias);
            }

            case Conv2dLayer conv:
            {
                var (weight, bias) = AddWeights(prefix, [conv.OutChannels, conv.InChannels, conv.Kernel, conv.Kernel], conv.OutChannels, generator);
                return input => F.conv2d(input, weight, bias, [conv.Stride, conv.Stride], [conv.Padding, conv.Padding]);
            }

            case ConvTranspose2dLayer transposed:
            {
                var (weight, bias) = AddWeights(prefix, [transposed.InChannels, transposed.OutChannels, transposed.Kernel, transposed.Kernel], transposed.OutChannels, generator);
                return input => F.conv_transpose2d(input, weight, bias, [transposed.Stride, transposed.Stride], [transposed.Padding, transposed.Padding],
                    [transposed.OutputPadding, transposed.OutputPadding]);
            }

            case MaxPool2dLayer pool:
                return input => F.max_pool2d(input, [pool.Kernel, pool.Kernel], [pool.Stride, pool.Stride]);
            case FlattenLayer:
                return input => input.flatten(1);
            case UnflattenLayer unflatten:
                return input => input.reshape(input.shape[0], unflatten.Channels, unflatten.Height, unflatten.Width);
            case Resize2dLayer resize:
                return input => Resize(input, resize.Height, resize.Width);
            case BatchNormLayer norm:
                return BatchNorm(prefix, norm.Features);
            case DropoutLayer dropout:
                return input => !Training || dropout.Rate == 0f
                    ? input.alias()
                    : (input * empty_like(input).bernoulli_(1.0 - dropout.Rate, generator)).DividedBy(1.0 - dropout.Rate);
            case ActivationLayer activation:
                return activation.Activation switch
                {
                    Activation.Identity => input => input,
                    Activation.ReLU => input => F.relu(input),
                    Activation.LeakyReLU => LeakyReLU(activation.NegativeSlope),
                    Activation.ELU => ELU(),
                    Activation.SELU => input => F.selu(input),
                    Activation.Tanh => input => input.tanh(),
                    Activation.Sigmoid => input => input.sigmoid(),
                    _ => throw new ArgumentException($"unknown activation {activation.Activation}"),
                };
            default:
                throw new ArgumentException($"no operation for layer {layer}");
        }
    }

    /// <summary>A number that libtorch reads during a call, alive as long as the network (TensorArithmetic says why).</summary>
    private Scalar Constant(double value)
    {
        var constant = value.ToScalar();
        _constants.Add(constant);
        return constant;
    }

    private Func<Tensor, Tensor> LeakyReLU(double negativeSlope)
    {
        var slope = Constant(negativeSlope);
        return input => input.leaky_relu(slope);
    }

    private Func<Tensor, Tensor> ELU()
    {
        var one = Constant(1.0);
        return input => input.elu(one, one, one);
    }

    /// <summary>Batch normalization as PyTorch's BatchNorm1d: scale 1 and shift 0 to start, running statistics with momentum 0.1.</summary>
    private Func<Tensor, Tensor> BatchNorm(string prefix, int features)
    {
        var (weight, bias) = Add(prefix, (new Parameter(ones(features), requires_grad: true), new Parameter(zeros(features), requires_grad: true)));
        var (runningMean, runningVariance, batches) = (zeros(features), ones(features), zeros([], ScalarType.Int64));
        _buffers.Add(($"{prefix}.running_mean", runningMean));
        _buffers.Add(($"{prefix}.running_var", runningVariance));
        _buffers.Add(($"{prefix}.num_batches_tracked", batches));
        return input =>
        {
            if (Training)
            {
                using var noGrad = no_grad();
                batches.Increment();
            }

            return F.batch_norm(input, runningMean, runningVariance, weight, bias, Training);
        };
    }

    /// <summary>Crops or zero-pads images (N, C, H, W) at the bottom and right to <paramref name="height"/> x <paramref name="width"/>.</summary>
    private static Tensor Resize(Tensor input, long height, long width)
    {
        var output = input.narrow(2, 0, Math.Min(input.shape[2], height)).narrow(3, 0, Math.Min(input.shape[3], width));
        var (padHeight, padWidth) = (Math.Max(0, height - input.shape[2]), Math.Max(0, width - input.shape[3]));
        return padHeight == 0 && padWidth == 0 ? output : F.pad(output, [0, padWidth, 0, padHeight]);
    }
}
