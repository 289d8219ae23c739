using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Autoencoders.Tests;

/// <summary>
/// The NuGet packages alone are enough: a fresh console app that adds the library runs an anomaly
/// pipeline, and the command-line tool installs from its package and runs.
/// </summary>
public class PackageTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly string _directory = Directory.CreateTempSubdirectory("package-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AFreshConsoleAppWithThePackageFindsTheAnomalies()
    {
        var (feed, app) = (Pack("src/Trainers/Autoencoders.Trainers.csproj", "src/AutoencoderTransforms/Autoencoders.Transforms.csproj"), Path.Combine(_directory, "app"));
        Assert.Contains(Directory.GetFiles(feed, "*.nupkg"), package => Path.GetFileName(package).StartsWith("Autoencoders.Trainers.", StringComparison.Ordinal));
        Dotnet(["new", "console", "-o", app]);
        // Dependencies from this machine's package folder, offline; our packages added from the feed as the README says.
        var folders = ExternalCommand.RunToSuccess("dotnet", ["nuget", "locals", "global-packages", "--list"], Patience);
        var packageFolder = Regex.Match(folders, @"global-packages:\s*(\S+)").Groups[1].Value;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="machine" value="{packageFolder}" />
              </packageSources>
            </configuration>
            """);
        Dotnet(["nuget", "add", "source", feed, "--name", "autoencoders", "--configfile", "nuget.config"], app);
        Dotnet(["add", "package", "Autoencoders.Transforms"], app);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

        var output = Dotnet(["run", "-c", "Release"], app);
        var auroc = double.Parse(Regex.Match(output, @"AUROC (\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(auroc > 0.95, $"the packaged detector's AUROC is {auroc}:\n{output}");
    }

    [Fact]
    public void TheToolInstallsFromThePackageFolderAndTrainsScoresAndReports()
    {
        // The tool's package carries everything it runs on, so the feed is its only source, as the README's line adds it.
        var feed = Pack("src/Cli/Autoencoders.Cli.csproj");
        File.WriteAllText(Path.Combine(_directory, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var tools = Path.Combine(_directory, "tools");
        Dotnet(["tool", "install", "Autoencoders.Cli", "--tool-path", tools, "--add-source", feed]);

        var autoencoders = Path.Combine(tools, "autoencoders");
        var csv = Path.Combine(AppContext.BaseDirectory, "data", "machine-sensors.csv");
        var model = Path.Combine(_directory, "detector.zip");
        Assert.Contains("features (5):", ExternalCommand.RunToSuccess(autoencoders, ["train", "--data", csv, "--model", model, "--label-column", "faulty", "--quiet"], Patience));
        var scores = ExternalCommand.RunToSuccess(autoencoders, ["score", "--data", csv, "--model", model, "--quiet"], Patience);
        Assert.Equal(1 + 1200, scores.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches(@"(?m)^AUROC 0\.9\d+$|^AUROC 1\.0000$", ExternalCommand.RunToSuccess(autoencoders, ["evaluate", "--data", csv, "--model", model], Patience));
        var report = Path.Combine(_directory, "report.html");
        ExternalCommand.RunToSuccess(autoencoders, ["report", "--data", csv, "--model", model, "--output", report], Patience);
        Assert.Equal(3, Regex.Matches(File.ReadAllText(report), "<svg ").Count);
    }

    /// <summary>The projects, packed as this test was built (their configuration's outputs, not rebuilt), into a feed folder.</summary>
    private string Pack(params string[] projects)
    {
        var feed = Path.Combine(_directory, "feed");
        var configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        foreach (var project in projects)
        {
            Dotnet(["pack", Path.Combine(RepositoryRoot, project), "-c", configuration, "--no-build", "-o", feed]);
        }

        return feed;
    }

    /// <summary>Rows around the origin and a few far from it; the detector learns from all of them.</summary>
    private const string Program = """
        using System.Globalization;
        using Autoencoders;
        using Autoencoders.Data;

        var random = new Random(1);
        var rows = Enumerable.Range(0, 600).Select(i => new Row
        {
            Label = i % 30 == 0,
            Features = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() - 0.5) * (i % 30 == 0 ? 8 : 1)).ToArray(),
        }).ToList();

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(featureColumnName: "Features").Fit(data);
        var metrics = ml.AnomalyDetection.Evaluate(detector.Transform(data));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AUROC {metrics.AreaUnderRocCurve:F4}"));

        class Row
        {
            [VectorType(8)] public float[] Features { get; set; } = [];
            public bool Label { get; set; }
        }
        """;

    private static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Autoencoders.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException($"No Autoencoders.sln above {AppContext.BaseDirectory}.");
        }
    }

    private string Dotnet(string[] arguments, string? workingDirectory = null) =>
        ExternalCommand.RunToSuccess("dotnet", arguments, Patience, workingDirectory ?? _directory, new Dictionary<string, string>
        {
            // A package folder of its own, so no earlier build of the same version is taken from the cache.
            ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages"),
            ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        });
}
