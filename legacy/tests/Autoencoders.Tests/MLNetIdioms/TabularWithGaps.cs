// A binary-classification program in ML.NET's style over a CSV with empty cells; only the using
// lines differ ("Microsoft.ML" -> "Autoencoders") and the trainer (ML.NET's FastTree -> XGBoost).
using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Transforms;

namespace MLNetIdioms;

public class LoanApplication
{
    [LoadColumn(0)]
    public float Age { get; set; }

    [LoadColumn(1)]
    public float Income { get; set; }

    [LoadColumn(2)]
    public bool Label { get; set; }
}

public class LoanPrediction
{
    [ColumnName("PredictedLabel")]
    public bool Approved { get; set; }

    public float Probability { get; set; }
}

public sealed class TabularWithGaps : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"loans-{Guid.NewGuid():N}.csv");

    public TabularWithGaps()
    {
        var random = new Random(9);
        File.WriteAllLines(_path, ["age,income,approved", .. Enumerable.Range(0, 400).Select(i =>
        {
            var income = 20 + 80 * random.NextDouble();
            var age = i % 17 == 0 ? "" : $"{20 + 50 * random.NextDouble():F0}";
            return $"{age},{(i % 23 == 0 ? "" : $"{income:F1}")},{(income > 55 ? "true" : "false")}";
        })]);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void EmptyCellsAreMissingValuesThatAPipelineFillsNormalizesAndScores()
    {
        var mlContext = new MLContext(seed: 0);
        var loaderOptions = new TextLoader.Options
        {
            Separators = new[] { ',' },
            HasHeader = true,
            MissingRealsAsNaNs = true,
            Columns = new[]
            {
                new TextLoader.Column("Age", DataKind.Single, 0),
                new TextLoader.Column("Income", DataKind.Single, 1),
                new TextLoader.Column("Label", DataKind.Boolean, 2),
            },
        };
        IDataView data = mlContext.Data.LoadFromTextFile(_path, loaderOptions);
        DataOperationsCatalog.TrainTestData split = mlContext.Data.TrainTestSplit(data, testFraction: 0.25, seed: 1);

        var pipeline = new EstimatorChain<ITransformer>()
            .Append(mlContext.Transforms.ReplaceMissingValues("Age", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(mlContext.Transforms.ReplaceMissingValues("Income", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(mlContext.Transforms.Concatenate("Features", "Age", "Income"))
            .Append(mlContext.Transforms.NormalizeMeanVariance("Features"))
            .Append(mlContext.BinaryClassification.Trainers.XGBoost(labelColumnName: "Label", featureColumnName: "Features"));
        var model = pipeline.Fit(split.TrainSet);

        var predictions = model.Transform(split.TestSet);
        var preview = predictions.Preview(maxRows: 5);
        Assert.Equal(5, preview.RowView.Length);
        float[] scores = predictions.GetColumn<float>("Score").ToArray();
        Assert.All(scores, score => Assert.True(float.IsFinite(score)));

        var metrics = mlContext.BinaryClassification.Evaluate(predictions, labelColumnName: "Label");
        Assert.Throws<InvalidOperationException>(() => new EstimatorChain<ITransformer>().AppendCacheCheckpoint(mlContext).Fit(data));
        Assert.True(metrics.Accuracy > 0.85, metrics.ConfusionMatrix.GetFormattedConfusionTable());

        using var stream = new MemoryStream();
        mlContext.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = mlContext.Model.Load(stream, out var inputSchema);
        Assert.Equal(data.Schema.Count, inputSchema.Count);

        using var engine = mlContext.Model.CreatePredictionEngine<LoanApplication, LoanPrediction>(loaded);
        var prediction = new LoanPrediction();
        engine.Predict(new LoanApplication { Age = float.NaN, Income = 90 }, ref prediction);
        Assert.True(prediction.Approved);
        Assert.True(prediction.Probability > 0.5f);
    }
}
