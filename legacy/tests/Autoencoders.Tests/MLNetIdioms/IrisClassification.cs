// Written as ML.NET's getting-started docs write it; only the using lines differ
// ("Microsoft.ML" -> "Autoencoders") and the trainer (ML.NET's SdcaMaximumEntropy -> XGBoost).
using Autoencoders;
using Autoencoders.Data;

namespace MLNetIdioms;

public class IrisData
{
    [LoadColumn(0)]
    public float SepalLength;

    [LoadColumn(1)]
    public float SepalWidth;

    [LoadColumn(2)]
    public float PetalLength;

    [LoadColumn(3)]
    public float PetalWidth;

    [LoadColumn(4)]
    public string Label = "";
}

public class IrisPrediction
{
    [ColumnName("PredictedLabel")]
    public string PredictedLabels = "";
}

public sealed class IrisClassification : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid():N}.txt");

    public IrisClassification()
    {
        // Three species told apart by petal length, as in the real iris set.
        var random = new Random(5);
        string[] species = ["Iris-setosa", "Iris-versicolor", "Iris-virginica"];
        File.WriteAllLines(_path, Enumerable.Range(0, 150).Select(i =>
            $"{5 + random.NextDouble():F1},{3 + random.NextDouble():F1},{1 + 2 * (i % 3) + random.NextDouble():F1},{0.2 + i % 3:F1},{species[i % 3]}"));
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void TheGettingStartedProgramRunsAndPredictsTheSpeciesName()
    {
        var mlContext = new MLContext();
        IDataView trainingDataView = mlContext.Data.LoadFromTextFile<IrisData>(path: _path, hasHeader: false, separatorChar: ',');

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth"))
            .AppendCacheCheckpoint(mlContext)
            .Append(mlContext.MulticlassClassification.Trainers.XGBoost(labelColumnName: "Label", featureColumnName: "Features"))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(trainingDataView);

        using var engine = mlContext.Model.CreatePredictionEngine<IrisData, IrisPrediction>(model);
        var prediction = engine.Predict(new IrisData { SepalLength = 5.5f, SepalWidth = 3.5f, PetalLength = 5.5f, PetalWidth = 2.2f });
        Assert.Equal("Iris-virginica", prediction.PredictedLabels);

        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(trainingDataView));
        Assert.True(metrics.MicroAccuracy > 0.95, metrics.ConfusionMatrix.GetFormattedConfusionTable());
        Assert.Contains("Precision", metrics.ConfusionMatrix.GetFormattedConfusionTable());
    }
}
