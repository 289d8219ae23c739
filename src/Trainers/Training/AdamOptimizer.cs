using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// Adam (PyTorch's algorithm and defaults: betas 0.9 / 0.999, epsilon 1e-8, L2 weight decay added
/// to the gradient), updating in place. TorchSharp's own Adam makes native scalars on every step
/// that only a garbage collection frees, which makes a step more than twice as slow; here the
/// constant scalars are made once and the two that change per step are disposed at once.
/// Its state (moments and step count) is readable for checkpoints.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Tensor[] _parameters;
    private readonly double _learningRate;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _oneMinusBeta1 = (1 - Beta1).ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _oneMinusBeta2 = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private readonly Scalar? _weightDecay;

    public AdamOptimizer(IEnumerable<Tensor> parameters, double learningRate, double weightDecay)
    {
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        _weightDecay = weightDecay > 0 ? weightDecay.ToScalar() : null;
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

    public void ZeroGradients()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>One update of every parameter from its gradient; call inside a dispose scope.</summary>
    public void Step()
    {
        Steps++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, Steps);
        var biasCorrection2 = 1 - Math.Pow(Beta2, Steps);
        using var negativeStepSize = (-_learningRate / biasCorrection1).ToScalar();
        using var biasCorrection2Root = Math.Sqrt(biasCorrection2).ToScalar();
        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
            {
                continue;
            }

            if (_weightDecay is not null)
            {
                gradient = gradient.add(parameter, _weightDecay);
            }

            FirstMoments[i].mul_(_beta1).add_(gradient, _oneMinusBeta1);
            SecondMoments[i].mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);
            var denominator = SecondMoments[i].sqrt().div_(biasCorrection2Root).add_(_epsilon);
            parameter.addcdiv_(FirstMoments[i], denominator, negativeStepSize);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in FirstMoments.Concat(SecondMoments))
        {
            tensor.Dispose();
        }

        foreach (var scalar in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _weightDecay })
        {
            scalar?.Dispose();
        }
    }
}
