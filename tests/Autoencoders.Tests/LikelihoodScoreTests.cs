using Autoencoders.Trainers.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>
/// The negative log-likelihood score's statistics: fitted on the typical rows when anomalies are
/// among the training rows; finite on codes the training rows do not spread, with finite scores
/// and a graph ONNX Runtime loads.
/// </summary>
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

    [Fact]
    public void AnomaliesAmongTheTrainingRowsDoNotInflateTheResidualVariances()
    {
        using var model = AutoencoderModel.Create(new DenseAutoencoderSpec(8, 3, [6]).ToArchitecture(Activation.Sigmoid), seed: 1);
        // A third of the rows are anomalies, far off in feature 0 (the sigmoid reconstructs at most 1).
        var random = new Random(2);
        var values = Enumerable.Range(0, 8 * 900).Select(_ => random.NextSingle()).ToArray();
        for (var row = 0; row < 300; row++)
        {
            values[row * 8] = 10f;
        }

        var rows = new FeatureMatrix(values, 8);
        var reconstructed = model.Reconstruct(rows);
        var normalError = Enumerable.Range(300, 600).Average(row => Math.Pow(values[row * 8] - reconstructed.Row(row)[0], 2));

        var scorer = AnomalyScorer.Fit(AnomalyScore.NegativeLogLikelihood, model, rows);

        // Fitted on every row, the variance would be about 27: a third of the rows miss by about 9.
        Assert.InRange(scorer.Likelihood!.ResidualVariance[0], 0.5 * normalError, 1.5 * normalError);
        var scores = scorer.ScoreChunks(model, rows).SelectMany(chunk => chunk).ToArray();
        Assert.True(scores.Take(300).Min() > scores.Skip(300).Max(), "every anomaly outscores every normal row");
    }
}
