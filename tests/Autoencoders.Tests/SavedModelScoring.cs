using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// A program written with plain ML.NET only, as a user's scoring service would be: it calls nothing of
/// this library's, so the assemblies it loads show what a saved model needs.
/// </summary>
internal static class SavedModelScoring
{
    public static int Run(string modelPath, string csvPath, string column, string outputPath)
    {
        var ml = new MLContext();
        var model = ml.Model.Load(modelPath, out _);
        var scored = model.Transform(ml.Data.LoadFromTextFile<CsvImage>(csvPath, separatorChar: ','));
        var added = scored.Schema[column];
        var lines = scored.GetColumn<float[]>(added.Name).Select(values => string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        File.WriteAllLines(outputPath, lines);
        Console.Out.WriteLine($"column {added.Name} {added.Type}");
        Console.Out.WriteLine($"loaded [{string.Join(", ", LoadedAssemblies())}]");
        return 0;
    }

    /// <summary>
    /// Loads a saved anomaly detector, scores the CSV's rows (a Single label, then
    /// <paramref name="width"/> features), writes "score decision" per row, and prints ML.NET's AUROC.
    /// </summary>
    public static int RunDetector(string modelPath, string csvPath, int width, string outputPath)
    {
        var ml = new MLContext();
        var model = ml.Model.Load(modelPath, out _);
        var loader = ml.Data.CreateTextLoader([new TextLoader.Column("Label", DataKind.Single, 0), new TextLoader.Column("Features", DataKind.Single, 1, width)],
            separatorChar: ',');
        var scored = model.Transform(loader.Load(csvPath));
        var lines = scored.GetColumn<float>("Score").Zip(scored.GetColumn<bool>("PredictedLabel"))
            .Select(pair => $"{pair.First.ToString("R", CultureInfo.InvariantCulture)} {pair.Second}");
        File.WriteAllLines(outputPath, lines);
        Console.Out.WriteLine($"auc {ml.AnomalyDetection.Evaluate(scored).AreaUnderRocCurve.ToString("F6", CultureInfo.InvariantCulture)}");
        Console.Out.WriteLine($"loaded [{string.Join(", ", LoadedAssemblies())}]");
        return 0;
    }

    /// <summary>Which of TorchSharp and this library's assemblies the process has loaded.</summary>
    private static string[] LoadedAssemblies() => AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name)
        .Where(name => name is "TorchSharp" or "Autoencoders.Trainers" or "Autoencoders.Transforms" or "Autoencoders.Scoring").OfType<string>().Order().ToArray();

    /// <summary>A row of the CSV the test writes: the label, then 784 pixels.</summary>
    private sealed class CsvImage
    {
        [LoadColumn(0)]
        public uint Label { get; set; }

        [LoadColumn(1, 784)]
        [VectorType(784)]
        public float[] Features { get; set; } = [];
    }
}
