using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// mlContext.MulticlassClassification.Trainers.SemiSupervisedAutoencoder in ML.NET pipelines: labels
/// made keys by MapValueToKey (a missing label becomes key 0), its output read by ML.NET's Evaluate,
/// saved and loaded by plain ML.NET.
/// </summary>
public class SemiSupervisedAutoencoderTests
{
    private const int LabelsPerClass = 20;

    [Fact]
    public void APipelineWithFewLabelsIsEvaluatedByMLNetAndPredictsTheLabelsOwnKeys()
    {
        var ml = new MLContext(seed: 1);
        var training = ml.Data.LoadFromEnumerable(Rows(FashionMnistSlice.Training, FashionMnistSlice.TrainingLabels, LabelsPerClass));
        var test = ml.Data.LoadFromEnumerable(Rows(FashionMnistSlice.Test, FashionMnistSlice.TestLabels, int.MaxValue));
        var epochs = 0;
        using var model = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(ml.MulticlassClassification.Trainers.SemiSupervisedAutoencoder(new SemiSupervisedAutoencoderOptions
            {
                LabelColumnName = "Label", ImageShape = FashionMnist.Shape, Epochs = 10, Progress = new SynchronousProgress<EpochProgress>(_ => epochs++),
            }))
            .Fit(training);
        var scored = model.Transform(test);

        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.InRange(metrics.MicroAccuracy, 0.6, 1.0);
        Assert.Equal(10, epochs);
        Assert.Equal(10, model.LastTransformer.History.Count);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 10), scored.Schema["Score"].Type);

        // PredictedLabel is a key like the label's, with its values: the predicted classes read back as the classes' own names.
        var predicted = ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(scored).Transform(scored);
        var classes = predicted.GetColumn<string>("PredictedClass").ToArray();
        var scores = predicted.GetColumn<float[]>("Score").ToArray();
        Assert.All(scores, row => Assert.Equal(1.0, row.Sum(), 3));
        Assert.Equal(scores.Select(row => ClassName(Array.IndexOf(row, row.Max()), training)), classes);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        Assert.Equal(Enumerable.Range(0, 10).Select(key => ClassName(key, training)), slotNames.DenseValues().Select(name => name.ToString()));

        // Saved and loaded by plain ML.NET: ONNX Runtime scores as the model did, and the predicted keys still read back as the class names.
        using var saved = new MemoryStream();
        ml.Model.Save(model, training.Schema, saved);
        saved.Position = 0;
        var loaded = ml.Model.Load(saved, out _);
        var reloaded = loaded.Transform(test);
        Assert.Equal(metrics.MicroAccuracy, ml.MulticlassClassification.Evaluate(reloaded).MicroAccuracy, 3);
        Assert.All(reloaded.GetColumn<float[]>("Score").Zip(scores), pair => Assert.Equal(pair.Second, pair.First, (a, b) => Math.Abs(a - b) < 1e-4f));
        Assert.Equal(scored.GetColumn<uint>("PredictedLabel"), reloaded.GetColumn<uint>("PredictedLabel"));
        Assert.Equal(classes, ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(reloaded).Transform(reloaded).GetColumn<string>("PredictedClass"));
        (loaded as IDisposable)?.Dispose();
    }

    [Fact]
    public void AViewWithoutALabelledRowOrWithALabelThatIsNotAKeyIsRefusedNamingWhy()
    {
        var ml = new MLContext(seed: 1);
        var unlabelled = ml.Data.LoadFromEnumerable(Rows(FashionMnistSlice.TrainingRows(100), FashionMnistSlice.TrainingLabels, 0));
        var trainer = ml.MulticlassClassification.Trainers.SemiSupervisedAutoencoder(new SemiSupervisedAutoencoderOptions { Epochs = 1 });

        // With every label missing MapValueToKey makes no keys at all; a label column of keys with none set is what a pipeline has then.
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", "Class", keyData: ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(c => new ClassRow { Class = $"class {c}" })))
            .Fit(unlabelled).Transform(unlabelled);
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(keys));
        Assert.Contains("None of the 100 rows has a class", error.Message);

        var notKey = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.MulticlassClassification.Trainers.SemiSupervisedAutoencoder("Class", new SemiSupervisedAutoencoderOptions().FeatureColumnName).Fit(unlabelled));
        Assert.Contains("The label column 'Class' is String; it must be a key", notKey.Message);
    }

    [Fact]
    public void AWholePipelineExportRefusesTheClassifierByName()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.LoadFromEnumerable(Rows(FashionMnistSlice.TrainingRows(200), FashionMnistSlice.TrainingLabels, 5));
        using var model = ml.Transforms.Conversion.MapValueToKey("Label", "Class")
            .Append(ml.MulticlassClassification.Trainers.SemiSupervisedAutoencoder(new SemiSupervisedAutoencoderOptions { Epochs = 1 }))
            .Fit(rows);
        using var onnx = new MemoryStream();
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.ConvertPipelineToOnnx(model, rows.Schema, onnx, "PredictedLabel"));
        Assert.Contains("CustomMapping", error.Message);
        Assert.Equal(0, onnx.Length);
    }

    /// <summary>The images as rows whose class is a name, kept for the first <paramref name="labelled"/> of each class and empty (missing) for the others.</summary>
    private static IEnumerable<ImageRow> Rows(FeatureMatrix images, int[] labels, int labelled)
    {
        var kept = new int[10];
        return Enumerable.Range(0, images.Rows).Select(row => new ImageRow
        {
            Features = images.Row(row).ToArray(), Class = kept[labels[row]]++ < labelled ? $"class {labels[row]}" : "",
        }).ToList();
    }

    /// <summary>The class name of key <paramref name="key"/> (from 0) of the label made from <paramref name="training"/>'s names, in order of first appearance.</summary>
    private static string ClassName(int key, IDataView training) =>
        training.GetColumn<string>("Class").Where(name => name.Length > 0).Distinct().ElementAt(key);

    private sealed class ImageRow
    {
        [VectorType(FashionMnist.ImageSize)]
        public float[] Features { get; set; } = [];

        public string Class { get; set; } = "";
    }

    private sealed class ClassRow
    {
        public string Class { get; set; } = "";
    }
}
