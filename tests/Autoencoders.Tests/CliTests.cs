using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>The autoencoders command, run as a user runs it: its verbs on the shipped CSV and image folder, and its exit codes.</summary>
public class CliTests : IDisposable
{
    private static readonly string ShippedCsv = SamplePrograms.RepositoryFile("samples", "AnomalyDetection", "data", "machine-sensors.csv");
    private static readonly string ShippedImages = SamplePrograms.RepositoryFile("samples", "AnomalyDetection", "data", "ankle-boot");
    private readonly string _directory = Directory.CreateTempSubdirectory("cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TrainScoreExplainAndEvaluateTheShippedCsvWithAModelPlainMLNetLoads()
    {
        var model = Path.Combine(_directory, "detector.zip");
        var (exit, output, error) = Cli("train", "--data", ShippedCsv, "--model", model, "--label-column", "faulty", "--id-columns", "machine", "--quiet");
        Assert.True(exit == 0, error);
        Assert.Contains("features (5): temperature_c, vibration_mm_s, pressure_bar, rpm, power_kw", output);
        var flaggedInTraining = int.Parse(Regex.Match(output, @"\((\d+) of the rows flagged\)").Groups[1].Value, CultureInfo.InvariantCulture);

        var scores = Path.Combine(_directory, "scores.csv");
        (exit, _, error) = Cli("score", "--data", ShippedCsv, "--model", model, "--output", scores, "--quiet");
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("row,machine,score,predicted_label,top_feature_1,top_share_1,top_feature_2,top_share_2,top_feature_3,top_share_3", lines[0]);
        Assert.Equal(1200, lines.Length - 1);
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToArray();
        Assert.Equal(flaggedInTraining, rows.Count(fields => fields[3] == "true"));
        Assert.Equal("M00", rows[0][1]);
        Assert.All(rows, fields =>
        {
            var shares = new[] { fields[5], fields[7], fields[9] }.Select(share => double.Parse(share, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(shares[0] >= shares[1] && shares[1] >= shares[2] && shares.Sum() <= 1.0001, string.Join(',', fields));
            Assert.Equal(3, new[] { fields[4], fields[6], fields[8] }.Distinct().Count());
        });

        // explain shows the rows with the highest scores, highest first, with the same leading feature as score wrote.
        (exit, output, error) = Cli("explain", "--data", ShippedCsv, "--model", model, "--rows", "5");
        Assert.True(exit == 0, error);
        var explained = output.Split('\n').Where(line => line.StartsWith("  row ")).Select(line => Regex.Match(line, @"^  row (\d+) (M\d+) score \S+ (flagged|not flagged): (\w+) ")).ToArray();
        var highest = rows.OrderByDescending(fields => double.Parse(fields[2], CultureInfo.InvariantCulture)).Take(5).ToArray();
        Assert.Equal(highest.Select(fields => (fields[0], fields[1], fields[4])), explained.Select(match => (match.Groups[1].Value, match.Groups[2].Value, match.Groups[4].Value)));

        (exit, output, error) = Cli("evaluate", "--data", ShippedCsv, "--model", model);
        Assert.True(exit == 0, error);
        var auroc = double.Parse(Regex.Match(output, @"^AUROC (\S+)$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(auroc > 0.93, output);
        Assert.Contains($"anomalies 37, flagged {flaggedInTraining} of 1200 rows", output);

        // The model is an ordinary ML.NET zip: plain ML.NET loads it and scores the rows as score did.
        var ml = new MLContext();
        var loaded = ml.Model.Load(model, out var inputSchema);
        var columns = inputSchema.Select(column => new TextLoader.Column(column.Name, column.Type.RawType == typeof(float) ? DataKind.Single : column.Type.RawType == typeof(bool) ? DataKind.Boolean : DataKind.String,
            Array.IndexOf(File.ReadLines(ShippedCsv).First().Split(','), column.Name))).ToArray();
        var data = ml.Data.LoadFromTextFile(ShippedCsv, columns, ',', hasHeader: true);
        var plainScores = loaded.Transform(data).GetColumn<float>("Score").ToArray();
        Assert.All(plainScores.Zip(rows), pair => Assert.Equal(double.Parse(pair.Second[2], CultureInfo.InvariantCulture), pair.First, 1e-4 * (1 + pair.First)));

        // export writes the whole pipeline as one ONNX model, which ONNX Runtime runs on the rows as ML.NET does.
        var onnx = Path.Combine(_directory, "detector.onnx");
        (exit, output, error) = Cli("export", "--model", model, "--output", onnx);
        Assert.True(exit == 0, error);
        Assert.Contains("inputs (5): temperature_c [-1, 1], vibration_mm_s [-1, 1], pressure_bar [-1, 1], rpm [-1, 1], power_kw [-1, 1]", output);
        Assert.Contains("outputs (2): Score.output, PredictedLabel.output", output);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        using var results = session.Run(session.InputMetadata.Keys.Select(name =>
        {
            var values = data.GetColumn<float>(name).ToArray();
            return Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor(name, new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(values, [values.Length, 1]));
        }).ToList());
        var onnxScores = results.First(result => result.Name == "Score.output").AsTensor<float>().ToArray();
        Assert.All(plainScores.Zip(onnxScores), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));
        Assert.Equal(loaded.Transform(data).GetColumn<bool>("PredictedLabel"), results.First(result => result.Name == "PredictedLabel.output").AsTensor<bool>().ToArray());
    }

    [Fact]
    public void TheReportIsOneSelfContainedPageThatChromiumRendersWithItsCharts()
    {
        var model = Path.Combine(_directory, "detector.zip");
        Assert.Equal(0, Cli("train", "--data", ShippedCsv, "--model", model, "--label-column", "faulty", "--id-columns", "machine", "--quiet").Exit);
        var report = Path.Combine(_directory, "report.html");
        var (exit, output, error) = Cli("report", "--data", ShippedCsv, "--model", model, "--output", report, "--rows", "7");
        Assert.True(exit == 0, error);
        Assert.Equal($"report {report}", output.Trim());
        var html = File.ReadAllText(report);
        Assert.DoesNotMatch("<(script|link|img|iframe)[ >]", html);

        // Headless Chromium lays the page out and prints the document it rendered, its console errors on standard error.
        var (rendered, dom, console) = ExternalCommand.Run("chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(report).AbsoluteUri], TimeSpan.FromMinutes(2));
        Assert.True(rendered == 0, console);
        Assert.DoesNotContain("Uncaught", console);
        Assert.Equal(["scores", "roc", "training", "top"], Regex.Matches(dom, "<section id=\"(\\w+)\"><h2>").Select(match => match.Groups[1].Value));
        Assert.Equal(3, Regex.Matches(dom, "<svg ").Count);
        // The threshold the detector saved is drawn and named in the histogram's legend; the ROC curve names the label.
        var threshold = Regex.Match(dom, @"<tr><th>threshold</th><td>(\S+)</td></tr>").Groups[1].Value;
        Assert.Contains($"threshold {threshold}", dom);
        Assert.Contains("ROC curve against faulty", dom);
        Assert.Equal(7, Regex.Matches(dom, "<tr><td>\\d+</td><td>M\\d+</td>").Count);
        Assert.Matches(@"<tr><th>AUROC</th><td>0\.9\d+</td></tr>", dom);
    }

    [Fact]
    public void AFolderOfImagesTrainsScoresExplainsEvaluatesAndReportsWithLabelsFromItsFoldersButDoesNotExport()
    {
        var model = Path.Combine(_directory, "inspection.zip");
        var (exit, output, error) = Cli("train", "--data", ShippedImages, "--model", model, "--epochs", "3", "--quiet");
        Assert.True(exit == 0, error);
        Assert.Contains($"images 300 in {Path.Combine(ShippedImages, "train", "good")}", output);
        Assert.Contains("working size 28 x 28 (grey)", output);

        // score reads test/ of the MVTec layout: every image, named by its path, with the region of its largest error.
        var scores = Path.Combine(_directory, "scores.csv");
        (exit, _, error) = Cli("score", "--data", ShippedImages, "--model", model, "--output", scores, "--quiet");
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("row,ImagePath,score,predicted_label,top_feature_1,top_share_1", lines[0]);
        var rows = lines.Skip(1).Select(line => Regex.Match(line, @"^(\d+),(\S+\.png),(\S+),(true|false),""region at x (\d+), y (\d+) of 28 x 28"",(\S+)$")).ToArray();
        Assert.All(rows, row => Assert.True(row.Success));
        Assert.Equal(Directory.GetFiles(Path.Combine(ShippedImages, "test"), "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal), rows.Select(row => row.Groups[2].Value));
        Assert.All(rows, row => Assert.InRange(double.Parse(row.Groups[7].Value, CultureInfo.InvariantCulture), 0.0, 1.0));

        // evaluate labels the images by their folders: its AUROC is ML.NET's on score's scores with test/good/ as the normal images.
        (exit, output, error) = Cli("evaluate", "--data", ShippedImages, "--model", model);
        Assert.True(exit == 0, error);
        var ml = new MLContext();
        var labelled = rows.Select(row => new ScoredImage { Label = Path.GetFileName(Path.GetDirectoryName(row.Groups[2].Value)) == "good" ? 0f : 1f, Score = float.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture), PredictedLabel = row.Groups[4].Value == "true" });
        var expected = ml.AnomalyDetection.Evaluate(ml.Data.LoadFromEnumerable(labelled)).AreaUnderRocCurve;
        Assert.Equal(expected, double.Parse(Regex.Match(output, @"^AUROC (\S+)$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture), 3);
        Assert.Contains($"anomalies 60, flagged {rows.Count(row => row.Groups[4].Value == "true")} of 100 rows", output);

        // explain lists the highest-scoring images, highest first, with the region score wrote.
        (exit, output, error) = Cli("explain", "--data", ShippedImages, "--model", model, "--rows", "3");
        Assert.True(exit == 0, error);
        var explained = output.Split('\n').Where(line => line.StartsWith("  row ")).Select(line => Regex.Match(line, @"^  row (\d+) (\S+) score \S+ (?:flagged|not flagged): (region at x \d+, y \d+) ").Groups).ToArray();
        var highest = rows.OrderByDescending(row => double.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture)).Take(3).ToArray();
        Assert.Equal(highest.Select(row => (row.Groups[1].Value, row.Groups[2].Value, $"region at x {row.Groups[5].Value}, y {row.Groups[6].Value}")),
            explained.Select(groups => (groups[1].Value, groups[2].Value, groups[3].Value)));

        var report = Path.Combine(_directory, "report.html");
        (exit, _, error) = Cli("report", "--data", ShippedImages, "--model", model, "--output", report, "--rows", "4");
        Assert.True(exit == 0, error);
        var html = File.ReadAllText(report);
        Assert.Contains("ROC curve against Anomaly", html);
        Assert.Equal(4, Regex.Matches(html, "<tr><td>\\d+</td><td>[^<]+\\.png</td>").Count);

        // ML.NET has no ONNX form for loading images: export names the step and writes nothing.
        var onnx = Path.Combine(_directory, "inspection.onnx");
        (exit, _, error) = Cli("export", "--model", model, "--output", onnx);
        Assert.Equal(1, exit);
        Assert.Contains("ImageLoadingTransformer", error);
        Assert.False(File.Exists(onnx));

        // A model of images reads folders, a model of a table files, and a folder's labels are its folders' names.
        (exit, _, error) = Cli("score", "--data", ShippedCsv, "--model", model);
        Assert.Equal((1, $"error: The model '{model}' was trained on images; give it a folder of images rather than the file '{ShippedCsv}'."), (exit, error.Trim()));
        (exit, _, error) = Cli("evaluate", "--data", Path.Combine(ShippedImages, "test", "good"), "--model", model);
        Assert.Equal(1, exit);
        Assert.Contains("every image here is in a folder named 'good'", error);
        Assert.Equal(1, Cli("evaluate", "--data", ShippedImages, "--model", model, "--label-column", "faulty").Exit);
        Assert.Equal(1, Cli("train", "--data", ShippedImages, "--model", model, "--label-column", "faulty").Exit);
    }

    private sealed class ScoredImage
    {
        public float Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void ABinaryFileTrainsAndScoresAsItsCsvDoes()
    {
        var ml = new MLContext(seed: 1);
        TextLoader.Column[] columns =
        [
            new("temperature_c", DataKind.Single, 1), new("vibration_mm_s", DataKind.Single, 2), new("pressure_bar", DataKind.Single, 3),
            new("rpm", DataKind.Single, 4), new("power_kw", DataKind.Single, 5), new("machine", DataKind.String, 0), new("faulty", DataKind.Boolean, 6),
        ];
        var binary = Path.Combine(_directory, "sensors.idv");
        using (var stream = File.Create(binary))
        {
            ml.Data.SaveAsBinary(ml.Data.LoadFromTextFile(ShippedCsv, columns, ',', hasHeader: true), stream);
        }

        var (fromCsv, fromBinary) = (Path.Combine(_directory, "csv.zip"), Path.Combine(_directory, "binary.zip"));
        var trained = Cli("train", "--data", binary, "--model", fromBinary, "--label-column", "faulty", "--id-columns", "machine", "--epochs", "5", "--quiet");
        Assert.True(trained.Exit == 0, trained.Error);
        Assert.Contains("rows 1200\nfeatures (5): temperature_c, vibration_mm_s, pressure_bar, rpm, power_kw\nnot used (1): machine (named as an identifier)\n", trained.Output);
        Assert.Equal(0, Cli("train", "--data", ShippedCsv, "--model", fromCsv, "--label-column", "faulty", "--id-columns", "machine", "--epochs", "5", "--quiet").Exit);

        // The same rows make the same model: every verb reads either file and gives the same answer.
        var scores = new[] { (fromCsv, ShippedCsv), (fromBinary, binary), (fromBinary, ShippedCsv) }
            .Select(run => Cli("score", "--data", run.Item2, "--model", run.Item1, "--quiet")).ToArray();
        Assert.All(scores, score => Assert.True(score.Exit == 0, score.Error));
        Assert.Equal(1201, scores[0].Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(scores[0].Output, scores[1].Output);
        Assert.Equal(scores[0].Output, scores[2].Output);
        Assert.Equal(Cli("evaluate", "--data", ShippedCsv, "--model", fromCsv).Output, Cli("evaluate", "--data", binary, "--model", fromBinary).Output);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided.")]
    [InlineData(new[] { "train", "--data", "x.csv", "--modle", "m.zip" }, "Unrecognized command or argument '--modle'.")]
    [InlineData(new[] { "score", "--data", "x.csv" }, "Option '--model' is required.")]
    [InlineData(new[] { "score", "--data", "x.csv", "--model", "m.zip", "--top-features", "many" }, "--top-features takes a whole number, 0 or more, not 'many'.")]
    [InlineData(new[] { "score", "--data", "x.csv", "--model", "m.zip", "--top-features", "-1" }, "--top-features takes a whole number, 0 or more, not '-1'.")]
    [InlineData(new[] { "train", "--data", "x.csv", "--model", "m.zip", "--epochs", "ten" }, "Cannot parse argument 'ten' for option '--epochs'")]
    [InlineData(new[] { "explain", "--data", "x.csv", "--model", "m.zip", "--rows", "1.5" }, "--rows takes a whole number, 0 or more, not '1.5'.")]
    [InlineData(new[] { "train", "--data", "x.csv", "--model", "m.zip", "--epochs", "0" }, "--epochs takes a whole number, 1 or more, not '0'.")]
    [InlineData(new[] { "train", "--data", "x", "--model", "m.zip", "--image-size", "0" }, "--image-size takes a whole number, 1 or more, not '0'.")]
    [InlineData(new[] { "train", "--data", "x.csv", "--model", "m.zip", "--contamination", "1.5" }, "--contamination takes a share between 0 and 1 (both excluded), not '1.5'.")]
    [InlineData(new[] { "train", "--data", "x.csv", "--model", "m.zip", "--contamination", "0" }, "--contamination takes a share between 0 and 1 (both excluded), not '0'.")]
    public void BadUsageExitsWithTwoAndTheUsageText(string[] arguments, string complaint)
    {
        var (exit, output, error) = Cli(arguments);

        Assert.Equal(2, exit);
        Assert.Contains($"error: ", error);
        Assert.Contains(complaint, error);
        Assert.Contains("Usage:", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void BadInputExitsWithOneAndOneLineNamingFileLineAndColumn()
    {
        var csv = Path.Combine(_directory, "broken.csv");
        File.WriteAllLines(csv, ["id,a,b,label", "x,1,2,0", "y,3,oops,1"]);

        var (exit, output, error) = Cli("train", "--data", csv, "--model", Path.Combine(_directory, "m.zip"));

        Assert.Equal(1, exit);
        Assert.Equal($"error: '{csv}' line 3 (row 1): column 'b' field 2 is 'oops', which is not a number; 1 other rows of the column are numbers. " +
            "Fix the value, or name 'b' as an identifier column to use it only to name rows.", error.Trim());
        Assert.Equal("", output);
    }

    [Fact]
    public void ScoringAFileWithoutTheModelsColumnsNamesTheMissingColumn()
    {
        var model = Path.Combine(_directory, "detector.zip");
        Assert.Equal(0, Cli("train", "--data", ShippedCsv, "--model", model, "--epochs", "2", "--quiet").Exit);
        var other = Path.Combine(_directory, "other.csv");
        File.WriteAllLines(other, ["a,b", "1,2"]);

        var (exit, _, error) = Cli("score", "--data", other, "--model", model);

        Assert.Equal(1, exit);
        Assert.Equal($"error: '{other}' has no column 'temperature_c', which the model was trained on; its columns are: a, b.", error.Trim());
        Assert.Equal(1, Cli("score", "--data", Path.Combine(_directory, "absent.csv"), "--model", model).Exit);

        var onnx = Path.Combine(_directory, "detector.onnx");
        (exit, _, error) = Cli("export", "--model", model, "--output", onnx, "--columns", "Score,Verdict");
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: The model '{model}' writes no column 'Verdict'; it writes: ", error.Trim());
        Assert.False(File.Exists(onnx));
    }

    private static (int Exit, string Output, string Error) Cli(params string[] arguments) =>
        ExternalCommand.Run("dotnet", [SamplePrograms.RepositoryFile("src", "Cli", "bin", SamplePrograms.Configuration(), "net10.0", "Autoencoders.Cli.dll"), .. arguments],
            TimeSpan.FromMinutes(3));
}
