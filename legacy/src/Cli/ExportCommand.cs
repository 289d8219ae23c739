using System.CommandLine;

namespace Autoencoders.Cli;

/// <summary>export: writes a saved detector as one ONNX graph, whose inputs are its feature columns (one value per row each).</summary>
internal static class ExportCommand
{
    /// <summary>The export command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.ExistingModel();
        var data = CommonOptions.Data("A CSV or binary file with the model's columns (its rows are not scored; it gives the input's shape).");
        var onnx = new Option<string>("--onnx") { Description = "Where to write the ONNX model.", Required = true };
        var separator = CommonOptions.Separator();
        var command = new Command("export", "Exports a trained detector to ONNX.") { model, data, onnx, separator };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(model), parsed.GetRequiredValue(data), parsed.GetRequiredValue(onnx), parsed.GetValue(separator)));
        return command;
    }

    private static int Run(string modelPath, string path, string onnxPath, char separator)
    {
        var ml = new MLContext(seed: 1);
        using var detector = new SavedDetector(ml, modelPath);
        ml.Model.ConvertToOnnx(detector.Model, ModelInput.Load(ml, path, separator, detector.InputSchema), onnxPath);
        Console.WriteLine($"ONNX model {Path.GetFullPath(onnxPath)}");
        return CommandLineRunner.Success;
    }
}
