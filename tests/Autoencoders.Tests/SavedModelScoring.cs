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
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name)
            .Where(name => name is "TorchSharp" or "Autoencoders.Trainers" or "Autoencoders.Transforms").ToArray();
        Console.Out.WriteLine($"column {added.Name} {added.Type}");
        Console.Out.WriteLine($"loaded [{string.Join(", ", loaded)}]");
        return 0;
    }

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
