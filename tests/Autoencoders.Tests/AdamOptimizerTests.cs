using Autoencoders.Trainers;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>The fused optimizer step gives PyTorch's Adam, written with libtorch's element-wise ops, on parameters small and large.</summary>
public class AdamOptimizerTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void FusedStepsMatchAdamWrittenWithTensorOps(double weightDecay)
    {
        const double learningRate = 0.01;
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(7);
        // 7 values (all in the scalar tail), 1,003 (vector body and tail), 100,003 (split across threads where there are several).
        var parameters = new long[] { 7, 1_003, 100_003 }.Select(n => randn([n], generator: generator).requires_grad_(true)).ToArray();
        var expected = parameters.Select(p => p.detach().clone()).ToArray();
        var firstMoments = expected.Select(e => zeros_like(e)).ToArray();
        var secondMoments = expected.Select(e => zeros_like(e)).ToArray();
        using var optimizer = new AdamOptimizer(parameters, learningRate, weightDecay);

        for (var step = 1; step <= 5; step++)
        {
            optimizer.DropGradients();
            for (var i = 0; i < parameters.Length; i++)
            {
                var gradient = randn(parameters[i].shape, generator: generator) * (i + 1);
                parameters[i].grad = gradient.clone();
                var g = gradient + weightDecay * expected[i];
                firstMoments[i] = 0.9 * firstMoments[i] + 0.1 * g;
                secondMoments[i] = 0.999 * secondMoments[i] + 0.001 * g * g;
                var denominator = secondMoments[i].sqrt() / Math.Sqrt(1 - Math.Pow(0.999, step)) + 1e-8;
                expected[i] = expected[i] - learningRate / (1 - Math.Pow(0.9, step)) * firstMoments[i] / denominator;
            }

            optimizer.Step();
        }

        Assert.Equal(5, optimizer.Steps);
        for (var i = 0; i < parameters.Length; i++)
        {
            Assert.True(parameters[i].detach().allclose(expected[i], rtol: 1e-5, atol: 1e-6), $"parameter {i} ({parameters[i].numel()} values) differs from Adam");
            Assert.True(optimizer.FirstMoments[i].allclose(firstMoments[i], rtol: 1e-5, atol: 1e-7), $"first moment {i} differs");
            Assert.True(optimizer.SecondMoments[i].allclose(secondMoments[i], rtol: 1e-5, atol: 1e-9), $"second moment {i} differs");
        }
    }

    [Fact]
    public void ParametersThatAreNotContiguousFloatsAreRefused()
    {
        using var scope = NewDisposeScope();
        var transposed = zeros(3, 4).t().requires_grad_(true);
        Assert.Throws<ArgumentException>(() => new AdamOptimizer([transposed], 0.01, 0));
        Assert.Throws<ArgumentException>(() => new AdamOptimizer([zeros([3], ScalarType.Float64).requires_grad_(true)], 0.01, 0));
    }
}
