using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// Adam (PyTorch's algorithm and defaults: betas 0.9 / 0.999, epsilon 1e-8, L2 weight decay added
/// to the gradient), fused: one vectorized pass over each parameter's memory updates both moments
/// and the parameter, where libtorch's element-wise ops take five passes and a native call each
/// (TorchSharp's own Adam also makes native scalars per step that only a garbage collection frees).
/// Large parameters are split across the engine's threads. Its state (moments and step count) is
/// readable for checkpoints.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const float Epsilon = 1e-8f;

    // Each factor is taken in double, then rounded, as PyTorch does: 1 - 0.999f in float is off by 1.3e-5 of itself.
    private const float DecayBeta1 = (float)Beta1;
    private const float DecayBeta2 = (float)Beta2;
    private const float OneMinusBeta1 = (float)(1 - Beta1);
    private const float OneMinusBeta2 = (float)(1 - Beta2);

    /// <summary>Values per work item when a parameter is split across threads; smaller parameters are updated in one piece.</summary>
    private const int ValuesPerThreadChunk = 32 * 1024;

    private readonly Tensor[] _parameters;
    private readonly float _learningRate;
    private readonly float _weightDecay;

    public AdamOptimizer(IEnumerable<Tensor> parameters, double learningRate, double weightDecay)
    {
        _parameters = parameters.ToArray();
        foreach (var parameter in _parameters)
        {
            if (parameter.dtype != ScalarType.Float32 || parameter.device_type != DeviceType.CPU || !parameter.is_contiguous())
            {
                throw new ArgumentException("The optimizer updates contiguous float32 parameters on the CPU.", nameof(parameters));
            }
        }

        _learningRate = (float)learningRate;
        _weightDecay = (float)weightDecay;
        FirstMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        SecondMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Steps taken.</summary>
    public long Steps { get; set; }

    /// <summary>The running means of the gradients, one per parameter.</summary>
    public Tensor[] FirstMoments { get; }

    /// <summary>The running means of the squared gradients, one per parameter.</summary>
    public Tensor[] SecondMoments { get; }

    /// <summary>The optimizer state by name, for checkpoints.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> State =>
        FirstMoments.Select((m, i) => ($"m{i}", m)).Concat(SecondMoments.Select((v, i) => ($"v{i}", v)));

    /// <summary>
    /// Drops the gradients, as PyTorch's <c>zero_grad(set_to_none=True)</c> does: the next backward
    /// pass then hands each parameter its new gradient instead of adding it to a zeroed one, which
    /// saves a pass over every parameter's memory twice per step.
    /// </summary>
    public void DropGradients()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad = null!;
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        Steps++;
        var update = new Update(
            StepSize: (float)(_learningRate / (1 - Math.Pow(Beta1, Steps))),
            BiasCorrection2Root: (float)Math.Sqrt(1 - Math.Pow(Beta2, Steps)),
            _weightDecay);
        var threads = get_num_threads();
        for (var i = 0; i < _parameters.Length; i++)
        {
            using var gradient = _parameters[i].grad;
            if (gradient is null)
            {
                continue;
            }

            using var contiguous = gradient.is_contiguous() ? null : gradient.contiguous();
            var state = new ParameterState(_parameters[i], contiguous ?? gradient, FirstMoments[i], SecondMoments[i]);
            var length = (int)_parameters[i].numel();
            if (threads > 1 && length >= 2 * ValuesPerThreadChunk)
            {
                var chunks = (length + ValuesPerThreadChunk - 1) / ValuesPerThreadChunk;
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
                {
                    var start = chunk * ValuesPerThreadChunk;
                    state.Update(update, start, Math.Min(ValuesPerThreadChunk, length - start));
                });
            }
            else
            {
                state.Update(update, 0, length);
            }
        }
    }

    public void Dispose()
    {
        foreach (var tensor in FirstMoments.Concat(SecondMoments))
        {
            tensor.Dispose();
        }
    }

    /// <summary>What one step applies to every value: the bias-corrected step size and second-moment correction, and the weight decay.</summary>
    private readonly record struct Update(float StepSize, float BiasCorrection2Root, float WeightDecay);

    /// <summary>One parameter's tensors, whose memory the update reads and writes in place.</summary>
    private readonly record struct ParameterState(Tensor Parameter, Tensor Gradient, Tensor FirstMoment, Tensor SecondMoment)
    {
        public void Update(Update update, int start, int length) => Apply(update,
            TensorRows.Values(Parameter).Slice(start, length), TensorRows.Values(Gradient).Slice(start, length),
            TensorRows.Values(FirstMoment).Slice(start, length), TensorRows.Values(SecondMoment).Slice(start, length));
    }

    /// <summary>
    /// PyTorch's update, value by value: g += decay * p; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g²;
    /// p -= step * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
    /// </summary>
    private static void Apply(Update update, Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> firstMoment, Span<float> secondMoment)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            var (beta1, oneMinusBeta1) = (new Vector<float>(DecayBeta1), new Vector<float>(OneMinusBeta1));
            var (beta2, oneMinusBeta2) = (new Vector<float>(DecayBeta2), new Vector<float>(OneMinusBeta2));
            var (stepSize, correction, epsilon, decay) = (new Vector<float>(update.StepSize), new Vector<float>(update.BiasCorrection2Root), new Vector<float>(Epsilon), new Vector<float>(update.WeightDecay));
            for (; i <= parameter.Length - width; i += width)
            {
                var p = new Vector<float>(parameter[i..]);
                var g = new Vector<float>(gradient[i..]) + decay * p;
                var m = beta1 * new Vector<float>(firstMoment[i..]) + oneMinusBeta1 * g;
                var v = beta2 * new Vector<float>(secondMoment[i..]) + oneMinusBeta2 * g * g;
                m.CopyTo(firstMoment[i..]);
                v.CopyTo(secondMoment[i..]);
                (p - stepSize * m / (Vector.SquareRoot(v) / correction + epsilon)).CopyTo(parameter[i..]);
            }
        }

        for (; i < parameter.Length; i++)
        {
            var g = gradient[i] + update.WeightDecay * parameter[i];
            firstMoment[i] = DecayBeta1 * firstMoment[i] + OneMinusBeta1 * g;
            secondMoment[i] = DecayBeta2 * secondMoment[i] + OneMinusBeta2 * g * g;
            parameter[i] -= update.StepSize * firstMoment[i] / (MathF.Sqrt(secondMoment[i]) / update.BiasCorrection2Root + Epsilon);
        }
    }
}
