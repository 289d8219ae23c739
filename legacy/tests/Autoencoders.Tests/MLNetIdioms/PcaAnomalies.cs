// ML.NET's PCA anomaly detector as ML.NET programs use it; only the using lines differ
// ("Microsoft.ML" -> "Autoencoders").
using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;

namespace MLNetIdioms;

public class PcaAnomalies
{
    private class DataPoint
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }

    private class Result
    {
        public bool PredictedLabel { get; set; }

        public float Score { get; set; }
    }

    [Fact]
    public void RandomizedPcaFlagsTheRowOffTheLineAndItsThresholdMoves()
    {
        var mlContext = new MLContext(seed: 0);
        var samples = new List<DataPoint>
        {
            new() { Features = [1, 0, 0] },
            new() { Features = [2, 0, 0] },
            new() { Features = [3, 0.1f, 0] },
            new() { Features = [4, 0, 0] },
            new() { Features = [5, 0, 0.1f] },
            new() { Features = [0, 4, 0] },
        };
        var data = mlContext.Data.LoadFromEnumerable(samples);

        var pipeline = mlContext.AnomalyDetection.Trainers.RandomizedPca(featureColumnName: nameof(DataPoint.Features), rank: 1, ensureZeroMean: false);
        var model = pipeline.Fit(data);
        var results = mlContext.Data.CreateEnumerable<Result>(model.Transform(data), reuseRowObject: false).ToList();

        Assert.Equal([false, false, false, false, false, true], results.Select(r => r.PredictedLabel));
        Assert.InRange(results[5].Score, 0.9f, 1f);
        Assert.InRange(results[2].Score, 0f, 0.1f);

        var chain = mlContext.Transforms.Concatenate("Features", nameof(DataPoint.Features)).Append(pipeline).Fit(data);
        var pca = (AnomalyPredictionTransformer<PcaModelParameters>)chain.LastTransformer;
        var stricter = mlContext.AnomalyDetection.ChangeModelThreshold(pca, threshold: 0.02f);
        var flagged = mlContext.Data.CreateEnumerable<Result>(stricter.Transform(data), reuseRowObject: false).Count(r => r.PredictedLabel);
        Assert.Equal(results.Count(r => r.Score > 0.02f), flagged);
        Assert.InRange(flagged, 2, 5);

        var metrics = mlContext.AnomalyDetection.Evaluate(model.Transform(mlContext.Data.LoadFromEnumerable(
            samples.Select((s, i) => new { s.Features, Label = i == 5 }).Select(r => new LabelledPoint { Features = r.Features, Label = r.Label }))));
        Assert.Equal(1.0, metrics.AreaUnderRocCurve);
    }

    private class LabelledPoint
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
