using Autoencoders.Trainers;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>The running average of the weights follows its formula step by step, on weights small and large, and hands the average back to the weights.</summary>
public class WeightAverageTests
{
    [Fact]
    public void EachStepBlendsTheAverageTowardTheWeightsAndTheEndWritesItBack()
    {
        const float decay = 0.9f;
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        // 5 values (all in the scalar tail) and 1,003 (vector body and tail).
        var weights = new long[] { 5, 1_003 }.Select(n => randn([n], generator: generator)).ToArray();
        var expected = weights.Select(w => w.clone()).ToArray();
        using var average = new WeightAverage(weights, decay);

        for (var step = 1; step <= 30; step++)
        {
            var keep = Math.Min(decay, (1.0 + step) / (10.0 + step));
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i].copy_(randn(weights[i].shape, generator: generator));
                expected[i] = keep * expected[i] + (1 - keep) * weights[i];
            }

            average.Update();
        }

        var last = weights.Select(w => w.clone()).ToArray();
        average.CopyToWeights();
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.True(weights[i].allclose(expected[i], rtol: 1e-5, atol: 1e-6), $"weight {i} ({weights[i].numel()} values) is not the running average");
            Assert.False(weights[i].allclose(last[i]), $"weight {i} still holds the last step's values");
        }
    }
}
