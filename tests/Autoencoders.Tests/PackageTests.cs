using System.Globalization;
using System.Text.RegularExpressions;

namespace Autoencoders.Tests;

/// <summary>
/// The packages alone are enough: a fresh console app that adds Autoencoders.Transforms and FastTree
/// embeds, trains, saves and loads; a second fresh app with ML.NET's packages only (no package of
/// ours, no TorchSharp) loads that model and gives the same predictions; and the command-line tool
/// installs from its package alone and runs.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>A version no earlier run restored, so that the machine's package cache cannot answer for the packages made here.</summary>
    private readonly string _version = $"0.0.1-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    private readonly string _directory = Directory.CreateTempSubdirectory("package-").FullName;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        foreach (var id in PackageIds.Append(ToolPackageId))
        {
            var versions = new DirectoryInfo(Path.Combine(MachinePackageFolder.Value, id.ToLowerInvariant()));
            var cached = new DirectoryInfo(Path.Combine(versions.FullName, _version));
            if (cached.Exists)
            {
                cached.Delete(recursive: true);
            }

            if (versions.Exists && !versions.EnumerateFileSystemInfos().Any())
            {
                versions.Delete();
            }
        }
    }

    private static readonly string[] PackageIds = ["Autoencoders.Trainers", "Autoencoders.Scoring", "Autoencoders.Transforms"];

    private const string ToolPackageId = "Autoencoders.Cli";

    [Fact]
    public void AFreshAppEmbedsTrainsFastTreeAndSavesAModelThatAPlainMlNetAppScoresAlike()
    {
        var feed = Pack();
        var model = Path.Combine(_directory, "model.zip");
        var trainer = NewApp("trainer", TrainerProgram, ("Autoencoders.Transforms", _version), ("Microsoft.ML.FastTree", "6.0.0"));
        var onnx = Path.Combine(_directory, "model.onnx");
        var trained = Dotnet(["run", "-c", "Release", "--", model, onnx], trainer);
        var accuracy = double.Parse(Regex.Match(trained, @"accuracy (\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy > 0.8, $"FastTree on the packaged embedding is {accuracy} accurate:\n{trained}");

        var loader = NewApp("loader", LoaderProgram,
            ("Microsoft.ML", "6.0.0"), ("Microsoft.ML.FastTree", "6.0.0"), ("Microsoft.ML.OnnxTransformer", "6.0.0"), ("Microsoft.ML.OnnxRuntime", "1.32.0"));
        var loaded = Dotnet(["run", "-c", "Release", "--", model], loader);
        Assert.Contains("torchsharp-loaded False", loaded);
        Assert.Empty(Directory.GetFiles(Path.Combine(loader, "bin"), "*Torch*", SearchOption.AllDirectories));

        var (before, after) = (Predictions(trained), Predictions(loaded));
        Assert.Equal(400, before.Count);
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(Math.Abs(before[i].Score - after[i].Score) <= 1e-4 * (1 + Math.Abs(before[i].Score)), $"row {i}: {before[i].Score} trained, {after[i].Score} loaded");
            Assert.Equal(before[i].Label, after[i].Label);
        }

        // The whole pipeline exported by the fresh app, run by ONNX Runtime alone, scores the rows alike.
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        Assert.Equal(["Features"], session.InputMetadata.Keys);
        var rows = Regex.Matches(trained, @"(?m)^features \d+ (.+)$").Select(m => m.Groups[1].Value.Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture))).SelectMany(v => v).ToArray();
        using var results = session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("Features", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(rows, [400, 12]))]);
        var scores = results.First(result => result.Name == "Score.output").AsTensor<float>().ToArray();
        var labels = results.First(result => result.Name == "PredictedLabel.output").AsTensor<bool>().ToArray();
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(Math.Abs(before[i].Score - scores[i]) <= 1e-4 * (1 + Math.Abs(before[i].Score)), $"row {i}: {before[i].Score} trained, {scores[i]} in ONNX Runtime");
            Assert.Equal(before[i].Label, labels[i].ToString());
        }
    }

    [Fact]
    public void TheToolInstallsFromItsPackageAloneAndTrainsScoresAndEvaluates()
    {
        // The tool's package carries everything it runs on (TorchSharp and libtorch included), so the feed is its only source.
        var feed = Path.Combine(_directory, "tool-feed");
        Dotnet(["pack", SamplePrograms.RepositoryFile("src/Cli/Autoencoders.Cli.csproj"), "-c", SamplePrograms.Configuration(), "--no-build", "-o", feed, $"-p:PackageVersion={_version}"]);
        File.WriteAllText(Path.Combine(_directory, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var tools = Path.Combine(_directory, "tools");
        Dotnet(["tool", "install", ToolPackageId, "--version", _version, "--tool-path", tools, "--add-source", feed]);

        var autoencoders = Path.Combine(tools, "autoencoders");
        var csv = SamplePrograms.RepositoryFile("samples", "AnomalyDetection", "data", "machine-sensors.csv");
        var model = Path.Combine(_directory, "detector.zip");
        Assert.Contains("features (5):", ExternalCommand.RunToSuccess(autoencoders, ["train", "--data", csv, "--model", model, "--label-column", "faulty", "--quiet"], Patience));
        var scores = ExternalCommand.RunToSuccess(autoencoders, ["score", "--data", csv, "--model", model, "--quiet"], Patience);
        Assert.Equal(1 + 1200, scores.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches(@"(?m)^AUROC 0\.9\d+$", ExternalCommand.RunToSuccess(autoencoders, ["evaluate", "--data", csv, "--model", model], Patience));
    }

    private static List<(double Score, string Label)> Predictions(string output) =>
        Regex.Matches(output, @"(?m)^row \d+ (\S+) (\S+)$").Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();

    /// <summary>The library's packages, packed from this build (not rebuilt) with this test's version, into a feed folder.</summary>
    private string Pack()
    {
        var feed = Path.Combine(_directory, "feed");
        foreach (var project in new[] { "src/Trainers/Autoencoders.Trainers.csproj", "src/Scoring/Autoencoders.Scoring.csproj", "src/AutoencoderTransforms/Autoencoders.Transforms.csproj" })
        {
            Dotnet(["pack", SamplePrograms.RepositoryFile(project), "-c", SamplePrograms.Configuration(), "--no-build", "-o", feed, $"-p:PackageVersion={_version}"]);
        }

        Assert.Equal(PackageIds.Order(), Directory.GetFiles(feed, "*.nupkg").Select(p => Path.GetFileName(p)[..^$".{_version}.nupkg".Length]).Order());
        return feed;
    }

    /// <summary>
    /// A console app made by <c>dotnet new console</c>, its packages added by <c>dotnet add package</c>
    /// from this machine's package folder (offline) and the feed, with <paramref name="program"/> and the shared rows.
    /// </summary>
    private string NewApp(string name, string program, params (string Id, string Version)[] packages)
    {
        var app = Path.Combine(_directory, name);
        Dotnet(["new", "console", "-o", app]);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="machine" value="{MachinePackageFolder.Value}" />
                <add key="autoencoders" value="{Path.Combine(_directory, "feed")}" />
              </packageSources>
            </configuration>
            """);
        foreach (var (id, version) in packages)
        {
            Dotnet(["add", "package", id, "--version", version], app);
        }

        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        File.WriteAllText(Path.Combine(app, "Rows.cs"), Rows);
        return app;
    }

    /// <summary>This machine's NuGet package folder, asked of the dotnet CLI once.</summary>
    private static readonly Lazy<string> MachinePackageFolder = new(() =>
        Regex.Match(ExternalCommand.RunToSuccess("dotnet", ["nuget", "locals", "global-packages", "--list"], Patience), @"global-packages:\s*(\S+)").Groups[1].Value);

    private string Dotnet(string[] arguments, string? workingDirectory = null) =>
        ExternalCommand.RunToSuccess("dotnet", arguments, Patience, workingDirectory ?? _directory, new Dictionary<string, string>
        {
            ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        });

    private const string TrainerProgram = """
        using System.Globalization;
        using Microsoft.ML;

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows.Make());
        var model = ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 4)
            .Append(ml.BinaryClassification.Trainers.FastTree(featureColumnName: "Embedding", numberOfLeaves: 4, numberOfTrees: 20, minimumExampleCountPerLeaf: 5))
            .Fit(data);
        Console.WriteLine($"accuracy {ml.BinaryClassification.Evaluate(model.Transform(data)).Accuracy:F4}");
        ml.Model.Save(model, data.Schema, args[0]);
        using (var onnx = File.Create(args[1]))
        {
            ml.Model.ConvertPipelineToOnnx(model, data.Schema, onnx, "Score", "PredictedLabel");
        }

        Rows.Print(ml, model.Transform(data));
        foreach (var (row, i) in Rows.Make().Select((row, i) => (row, i)))
        {
            Console.WriteLine($"features {i} {string.Join(' ', row.Features.Select(value => value.ToString("R")))}");
        }
        """;

    private const string LoaderProgram = """
        using System.Globalization;
        using Microsoft.ML;

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(args[0], out _);
        Rows.Print(ml, model.Transform(ml.Data.LoadFromEnumerable(Rows.Make())));
        Console.WriteLine($"torchsharp-loaded {AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name!.StartsWith("TorchSharp"))}");
        """;

    /// <summary>Two classes of 12 features, apart in the first six; the same rows in both apps.</summary>
    private const string Rows = """
        using Microsoft.ML;
        using Microsoft.ML.Data;

        public sealed class Row
        {
            public bool Label { get; set; }

            [VectorType(12)]
            public float[] Features { get; set; } = [];
        }

        public sealed class Prediction
        {
            public float Score { get; set; }

            public bool PredictedLabel { get; set; }
        }

        public static class Rows
        {
            public static List<Row> Make()
            {
                var random = new Random(7);
                return Enumerable.Range(0, 400).Select(i => new Row
                {
                    Label = i % 2 == 0,
                    Features = Enumerable.Range(0, 12).Select(j => (float)(random.NextDouble() + (i % 2 == 0 && j < 6 ? 0.6 : 0))).ToArray(),
                }).ToList();
            }

            public static void Print(MLContext ml, IDataView scored)
            {
                var i = 0;
                foreach (var prediction in ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false))
                {
                    Console.WriteLine($"row {i++} {prediction.Score:R} {prediction.PredictedLabel}");
                }
            }
        }
        """;
}
