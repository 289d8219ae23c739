using System.Collections.Concurrent;
using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class ConcurrencyTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void EightThreadsSharingOneModelScoreExactlyAsOneThreadDoes()
    {
        var prepare = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Append(_ml.Transforms.NormalizeMinMax("Features")).Fit(TestData.Tabular(_ml, 1000));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 2 })
            .Fit(prepare.Transform(TestData.Tabular(_ml, 1000)));
        var rows = prepare.Transform(TestData.Tabular(_ml, 100_000, seed: 3));
        const int chunkRows = 2_500;
        var chunks = Enumerable.Range(0, 100_000 / chunkRows)
            .Select(chunk => _ml.Data.SkipRows(_ml.Data.TakeRows(rows, (chunk + 1L) * chunkRows), chunk * (long)chunkRows)).ToArray();

        var sequential = chunks.Select(chunk => Scores(detector.Transform(chunk))).ToArray();
        var parallel = new float[chunks.Length][];
        var next = -1;
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            for (var chunk = Interlocked.Increment(ref next); chunk < chunks.Length; chunk = Interlocked.Increment(ref next))
            {
                parallel[chunk] = Scores(detector.Transform(chunks[chunk]));
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Equal(sequential.SelectMany(s => s), parallel.SelectMany(s => s));
    }

    [Fact]
    public void PerThreadPredictionEnginesAgreeWithBatchScoring()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 400)).Transform(TestData.Tabular(_ml, 400));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 2 }).Fit(data);
        var inputs = _ml.Data.CreateEnumerable<FeatureRow>(data, reuseRowObject: false).ToArray();
        var expected = Scores(detector.Transform(data));

        var mismatches = new ConcurrentBag<int>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var engine = _ml.Model.CreatePredictionEngine<FeatureRow, Prediction>(detector);
            for (var row = worker; row < inputs.Length; row += 8)
            {
                // A single row takes the fused single-row kernel: the same sums in another order.
                if (Math.Abs(engine.Predict(inputs[row]).Score - expected[row]) > 1e-5f * expected[row]) mismatches.Add(row);
            }
        });

        Assert.Empty(mismatches);
    }

    private static float[] Scores(IDataView scored) => scored.GetColumn<float>("Score").ToArray();

    private sealed class FeatureRow
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
