using Autoencoders.Trainers.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>The negative log-likelihood score on codes the training rows do not spread: finite statistics, finite scores, a graph ONNX Runtime loads.</summary>
public sealed class LikelihoodScoreTests
{
    [Fact]
    public void RowsThatAllHaveTheSameCodeGetFiniteStatisticsScoresAndAGraphOnnxRuntimeLoads()
    {
        using var model = AutoencoderModel.Create(new DenseAutoencoderSpec(8, 3, [6]).ToArchitecture(Activation.Sigmoid), seed: 1);
        // The encoder's last layer with zero weights and a large bias: every row's code is that bias, and E[c²] - E[c]² rounds below 0 by more than 1e-12.
        var lastEncoderLayer = model.State.Where(entry => entry.Name.StartsWith("encoder.", StringComparison.Ordinal)).ToList();
        using (no_grad())
        {
            lastEncoderLayer.Single(entry => entry.Name == lastEncoderLayer[^1].Name.Replace(".bias", ".weight", StringComparison.Ordinal)).Tensor.zero_();
            lastEncoderLayer[^1].Tensor.copy_(tensor(new[] { 98765.43f, 1234.567f, 54321.9f }));
        }

        var random = new Random(2);
        var rows = new FeatureMatrix(Enumerable.Range(0, 8 * 500).Select(_ => random.NextSingle()).ToArray(), 8);
        var scorer = AnomalyScorer.Fit(AnomalyScore.NegativeLogLikelihood, model, rows);

        Assert.All(scorer.Likelihood!.CodePrecision, value => Assert.True(float.IsFinite(value), $"precision {value}"));
        Assert.All(scorer.ScoreChunks(model, rows).SelectMany(chunk => chunk), score => Assert.True(float.IsFinite(score), $"score {score}"));
        var graph = AutoencoderOnnxGraph.Export(model, "x", new AutoencoderGraphOutputs { Score = "score", Anomaly = "anomaly", Scorer = scorer, Threshold = 1f });
        using var session = new InferenceSession(graph);
    }
}
