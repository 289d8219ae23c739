using Autoencoders.Trainers;
using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace Autoencoders.Cli;

/// <summary>
/// export: writes a saved detector's whole pipeline (assembling, missing-value replacement, scaling and
/// the autoencoder) as one ONNX model, for ONNX Runtime or any ONNX consumer without ML.NET: an input
/// per feature column it reads, shaped [rows, 1], and the asked-for columns as outputs named as ML.NET
/// names them (Score.output, PredictedLabel.output).
/// </summary>
internal static class ExportCommand
{
    /// <summary>The export command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.ExistingModel();
        var output = new Option<string>("--output") { Description = "Where to write the ONNX model.", Required = true };
        var columns = new Option<string>("--columns")
        {
            Description = "The model's columns to write as outputs, separated by commas.",
            DefaultValueFactory = _ => "Score,PredictedLabel",
        };
        var command = new Command("export", "Writes a trained detector's whole pipeline as one ONNX model.") { model, output, columns };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(model), parsed.GetRequiredValue(output),
            parsed.GetRequiredValue(columns).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        return command;
    }

    private static int Run(string modelPath, string outputPath, string[] columns)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        var written = detector.Model.GetOutputSchema(detector.InputSchema).Where(column => !column.IsHidden).Select(column => column.Name).ToList();
        if (columns.Except(written).FirstOrDefault() is { } missing)
        {
            throw new InvalidDataException($"The model '{modelPath}' writes no column '{missing}'; it writes: {string.Join(", ", written)}.");
        }

        using var graph = new MemoryStream();
        ml.Model.ConvertPipelineToOnnx(detector.Model, detector.InputSchema, graph, columns);

        // Read back by ONNX Runtime before it is written: what this command writes loads.
        using var session = new InferenceSession(graph.ToArray());
        AtomicFile.Write(outputPath, graph.WriteTo);

        Console.WriteLine($"inputs ({session.InputMetadata.Count}): {string.Join(", ", session.InputMetadata.Select(input => $"{input.Key} [{string.Join(", ", input.Value.Dimensions)}]"))}");
        Console.WriteLine($"outputs ({session.OutputMetadata.Count}): {string.Join(", ", session.OutputMetadata.Keys)}");
        Console.WriteLine($"onnx {Path.GetFullPath(outputPath)}");
        return CommandLineRunner.Success;
    }
}
