// An anomaly-detection program in ML.NET's style; only the using lines differ ("Microsoft.ML" ->
// "Autoencoders") and the trainer and its options (ML.NET's RandomizedPca -> this library's Autoencoder).
using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;

namespace MLNetIdioms;

public class SensorReading
{
    [VectorType(6)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

public class SensorVerdict
{
    public bool PredictedLabel { get; set; }

    public float Score { get; set; }
}

public class SensorAnomalies
{
    [Fact]
    public void AnAnomalyDetectorTrainsScoresAndEvaluatesAsInMLNet()
    {
        var mlContext = new MLContext(seed: 0);
        var random = new Random(1);
        var readings = Enumerable.Range(0, 2000).Select(i =>
        {
            var level = (float)random.NextDouble();
            var anomaly = i % 30 == 0;
            return new SensorReading
            {
                Features = Enumerable.Range(0, 6).Select(k => anomaly && k == 3 ? (level + 0.5f) % 1 : level + 0.02f * (float)random.NextDouble()).ToArray(),
                Label = anomaly,
            };
        }).ToList();
        IDataView data = mlContext.Data.LoadFromEnumerable(readings);

        var pipeline = mlContext.Transforms.NormalizeMinMax("Features")
            .Append(mlContext.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { FeatureColumnName = "Features", Epochs = 200 }));
        using var model = pipeline.Fit(data);
        var predictions = model.Transform(data);

        var metrics = mlContext.AnomalyDetection.Evaluate(predictions, labelColumnName: "Label", scoreColumnName: "Score", predictedLabelColumnName: "PredictedLabel");
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUC {metrics.AreaUnderRocCurve:F3}");

        var verdicts = mlContext.Data.CreateEnumerable<SensorVerdict>(predictions, reuseRowObject: false).ToList();
        Assert.Equal(readings.Count, verdicts.Count);
        Assert.True(verdicts.Where((_, i) => readings[i].Label).Average(v => v.Score) > verdicts.Where((_, i) => !readings[i].Label).Average(v => v.Score));
    }
}
