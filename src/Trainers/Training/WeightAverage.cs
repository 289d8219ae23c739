using System.Numerics;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// An exponential moving average of weights over the steps of training (what FixMatch and the mean
/// teacher evaluate): after step t each average moves toward its weight by 1 - d, with
/// d = min(<c>decay</c>, (1 + t) / (10 + t)) so that the first steps' random weights fade quickly.
/// Updated in one managed pass over each weight's memory, like <see cref="AdamOptimizer"/>.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _averages;
    private readonly float _decay;
    private long _steps;

    public WeightAverage(IEnumerable<Tensor> weights, float decay)
    {
        _weights = weights.ToArray();
        _decay = decay;
        _averages = _weights.Select(weight => weight.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Moves every average toward its weight, after an optimizer step.</summary>
    public void Update()
    {
        _steps++;
        var keep = Math.Min(_decay, (1f + _steps) / (10f + _steps));
        for (var i = 0; i < _weights.Length; i++)
        {
            Blend(TensorRows.Values(_averages[i]), TensorRows.Values(_weights[i]), keep);
        }
    }

    /// <summary>Writes the averages into the weights, which then hold the averaged model.</summary>
    public void CopyToWeights()
    {
        for (var i = 0; i < _weights.Length; i++)
        {
            TensorRows.Values(_averages[i]).CopyTo(TensorRows.Values(_weights[i]));
        }
    }

    public void Dispose()
    {
        foreach (var average in _averages)
        {
            average.Dispose();
        }
    }

    /// <summary>average = keep * average + (1 - keep) * weight, value by value.</summary>
    private static void Blend(Span<float> average, ReadOnlySpan<float> weight, float keep)
    {
        var move = 1f - keep;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (keepVector, moveVector) = (new Vector<float>(keep), new Vector<float>(move));
            for (; i <= average.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (keepVector * new Vector<float>(average[i..]) + moveVector * new Vector<float>(weight[i..])).CopyTo(average[i..]);
            }
        }

        for (; i < average.Length; i++)
        {
            average[i] = keep * average[i] + move * weight[i];
        }
    }
}
