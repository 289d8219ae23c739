using System.Diagnostics;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// A process killed with SIGKILL while it saves leaves the previous file whole: the tool's ML.NET
/// zips and the engine's model files are written beside the target and renamed over it.
/// </summary>
public sealed class KilledSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("killed-save-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AProcessKilledWhileSavingLeavesThePreviousFilesWhole()
    {
        var (zip, engine) = (Path.Combine(_directory, "detector.zip"), Path.Combine(_directory, "model.pt"));
        var worker = Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll");
        var random = new Random(5);
        var interrupted = 0;
        for (var trial = 0; trial < 4; trial++)
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", [worker, "save-loop", zip, engine]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null && line != "saved 2")
            {
            }

            Assert.Equal("saved 2", line);
            Thread.Sleep(random.Next(50));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();

            interrupted += Directory.EnumerateFiles(_directory, ".*.tmp").Any() ? 1 : 0;
            var ml = new MLContext();
            var loaded = ml.Model.Load(zip, out var schema);
            var rows = ml.Data.LoadFromEnumerable(TabularRows.Make(20, 0, seed: 2));
            Assert.Equal(20, loaded.Transform(rows).GetColumn<float>("Score").Count(float.IsFinite));
            (loaded as IDisposable)?.Dispose();
            using var model = AutoencoderModel.Load(engine);
            Assert.Equal(TabularRows.Width, model.InputWidth);
        }

        // The kills landed in the middle of writes (their temporary files were left), and the next save removes what they left.
        Assert.True(interrupted > 0, "no kill landed during a save; the test showed nothing");
        Autoencoders.Trainers.AtomicFile.Write(zip, File.OpenRead(engine).CopyTo);
        Assert.Empty(Directory.EnumerateFiles(_directory, ".detector.zip.*.tmp"));
    }

    /// <summary>The child process: fits a small detector and its engine model, then saves both, again and again, printing "saved n" after each round.</summary>
    public static int SaveLoop(string zip, string engine)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(200, 0, seed: 1));
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { Epochs = 1, Seed = 1 }).Fit(data);
        using var model = new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0 })
            .Fit(new DenseAutoencoderSpec(TabularRows.Width, 2), FeatureMatrix.FromRows(TabularRows.Make(200, 0, seed: 1).Select(row => row.Features).ToArray())).Model;
        for (var round = 1; ; round++)
        {
            Autoencoders.Trainers.AtomicFile.Write(zip, stream => ml.Model.Save(detector, data.Schema, stream));
            model.Save(engine);
            Console.Out.WriteLine($"saved {round}");
            Console.Out.Flush();
        }
    }
}
