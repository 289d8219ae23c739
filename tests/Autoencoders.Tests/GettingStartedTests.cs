using System.Globalization;

namespace Autoencoders.Tests;

/// <summary>
/// samples/GettingStarted, an ML.NET program as ML.NET's documentation writes them: its tabular
/// anomaly and few-label pipelines run, and their saved models give the same predictions when a
/// second process loads them with plain ML.NET.
/// </summary>
public sealed class GettingStartedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autoencoder-getting-started-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void BothPipelinesRunAndTheirSavedModelsPredictTheSameInAnotherProcess()
    {
        var table = Path.Combine(_directory, "table.csv");
        var random = new Random(1);
        static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
        // Measurements of normal rows and 5% anomalies, about one field in 200 left empty.
        File.WriteAllLines(table, TabularRows.Make(570, 30, seed: 1).Select(row =>
            string.Join(',', new[] { Number(row.Label) }.Concat(row.Features.Select(value => random.Next(200) == 0 ? "" : Number(value)))))
            .Prepend("Label,A,B,C,D,E,F,G,H"));
        var images = Path.Combine(_directory, "images.csv");
        var kept = new int[10];
        File.WriteAllLines(images, ImageRows.Read(2000).Select(image =>
            $"{image.Label},{(kept[image.Label]++ < 20 ? 1 : 0)}," + string.Join(',', image.Features.Select(value => Number(value * 255f)))));

        var program = SamplePrograms.Path("GettingStarted");
        var (exit, stdout, stderr) = ExternalCommand.Run("dotnet", [program, "train", table, images, _directory], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, stdout + stderr);
        Assert.True(Metric(stdout, "anomaly AUROC") > 0.75, stdout);
        Assert.True(Metric(stdout, "cross-validated accuracy on the labelled rows") > 0.4, stdout);
        Assert.True(Metric(stdout, "accuracy on every image") > 0.55, stdout);

        (exit, stdout, stderr) = ExternalCommand.Run("dotnet", [program, "predict", table, images, _directory], TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, stdout + stderr);
        foreach (var name in new[] { "anomalies", "classes" })
        {
            var expected = File.ReadAllLines(Path.Combine(_directory, name + ".txt")).Select(line => line.Split(' ')).ToArray();
            var actual = File.ReadAllLines(Path.Combine(_directory, name + "-loaded.txt")).Select(line => line.Split(' ')).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (var row = 0; row < expected.Length; row++)
            {
                var (scores, loadedScores) = name == "anomalies" ? (expected[row][..1], actual[row][..1]) : (expected[row][1..], actual[row][1..]);
                Assert.Equal(name == "anomalies" ? expected[row][1] : expected[row][0], name == "anomalies" ? actual[row][1] : actual[row][0]);
                Assert.All(scores.Zip(loadedScores), pair =>
                {
                    var value = double.Parse(pair.First, CultureInfo.InvariantCulture);
                    Assert.Equal(value, double.Parse(pair.Second, CultureInfo.InvariantCulture), 1e-4 * (1 + Math.Abs(value)));
                });
            }
        }
    }

    private static double Metric(string output, string name) => SamplePrograms.Metric(output, name);
}
