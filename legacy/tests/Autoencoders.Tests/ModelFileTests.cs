using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class ModelFileTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("models-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (ITransformer Model, IDataView Data, string Path) SavedDetector()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 100)).Transform(TestData.Tabular(_ml, 100));
        var pipeline = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 2 }));
        var model = pipeline.Fit(data);
        var path = Path.Combine(_directory, "detector.zip");
        _ml.Model.Save(model, data.Schema, path);
        return (model, data, path);
    }

    [Fact]
    public void AWrongFormatVersionIsRefusedNamingIt()
    {
        var (_, _, path) = SavedDetector();
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            archive.GetEntry("format.json")!.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("format.json").Open());
            writer.Write("{\"format\": \"autoencoders-model\", \"version\": 99}");
        }

        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(path, out _));
        Assert.Contains("version 99", error.Message);
        Assert.Contains($"reads versions 1 to {ModelOperationsCatalog.FormatVersion}", error.Message);
    }

    [Fact]
    public void AVersionOneFileLoadsWhereTheArchitectureItDescribesIsTheOneItsWeightsHold()
    {
        var (model, data, path) = SavedDetector();
        var architecture = ((TransformerChain<AnomalyPredictionTransformer>)model).LastTransformer.Model.Architecture;
        Assert.DoesNotContain("\"architecture\"", ReadEntryText(path, "model.json"));

        var versionOne = Path.Combine(_directory, "version-1.zip");
        WriteVersionOne(path, versionOne, architecture.ToJson());
        Assert.Equal(model.Transform(data).GetColumn<float>("Score"), _ml.Model.Load(versionOne, out _).Transform(data).GetColumn<float>("Score"));

        var other = new AutoencoderArchitecture(architecture.InputWidth, architecture.LatentWidth + 1,
            [new LinearLayer(architecture.InputWidth, architecture.LatentWidth + 1)], [new LinearLayer(architecture.LatentWidth + 1, architecture.InputWidth)]);
        var disagreeing = Path.Combine(_directory, "version-1-other-architecture.zip");
        WriteVersionOne(path, disagreeing, other.ToJson());
        Assert.Contains("hold another architecture than the one the model describes",
            Assert.Throws<InvalidDataException>(() => _ml.Model.Load(disagreeing, out _)).Message);
    }

    [Fact]
    public void TheLikelihoodScoresStatisticsAreSavedAndStatisticsThatDoNotFitAreRefused()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Fit(TestData.Tabular(_ml, 100)).Transform(TestData.Tabular(_ml, 100));
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 2, Epochs = 2, Score = AnomalyScore.NegativeLogLikelihood, FeatureContributionsColumnName = "Contributions",
        }).Fit(data);
        var path = Path.Combine(_directory, "likelihood.zip");
        _ml.Model.Save(detector, data.Schema, path);

        var loaded = (AnomalyPredictionTransformer)_ml.Model.Load(path, out _);
        Assert.Equal(AnomalyScore.NegativeLogLikelihood, loaded.ScoreKind);
        Assert.Equal(detector.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));
        Assert.Equal(detector.Transform(data).GetColumn<float[]>("Contributions"), loaded.Transform(data).GetColumn<float[]>("Contributions"));
        // The training's epochs come back too, so a loaded model can still draw its loss curve.
        Assert.Equal(2, loaded.TrainingHistory.Count);
        Assert.Equal(detector.TrainingHistory.Select(e => (e.Epoch, e.EpochCount, e.TrainingLoss, e.ValidationLoss, e.IsBest)),
            loaded.TrainingHistory.Select(e => (e.Epoch, e.EpochCount, e.TrainingLoss, e.ValidationLoss, e.IsBest)));
        Assert.Equal(detector.TrainingHistory[1].Elapsed.TotalMilliseconds, loaded.TrainingHistory[1].Elapsed.TotalMilliseconds, 0.01);
        loaded.Dispose();

        AssertDamagedCopiesAreRefused(path, "the training history cannot be read",
            ("an epoch without its loss", json => json["trainingHistory"]![0]!.AsObject().Remove("training")),
            ("a history that is not a list", json => json["trainingHistory"] = "none"));

        AssertDamagedCopiesAreRefused(path, "negative log-likelihood score's statistics",
            ("missing", statistics => statistics.Remove("likelihood")),
            ("one code value short", statistics => statistics["likelihood"]!["codeMean"]!.AsArray().RemoveAt(0)),
            ("a zero variance", statistics => statistics["likelihood"]!["residualVariance"]![0] = 0f));
    }

    [Fact]
    public void TheSmoothedErrorScoresSmoothingIsSavedAndOneThatDoesNotFitIsRefused()
    {
        var data = TestData.Images(_ml, 100);
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 4, HiddenWidths = [32], Epochs = 1, ImageShape = new ImageShape(1, 28, 28), Score = AnomalyScore.SmoothedReconstructionError,
        }).Fit(data);
        var path = Path.Combine(_directory, "smoothed.zip");
        _ml.Model.Save(detector, data.Schema, path);

        AssertDamagedCopiesAreRefused(path, "smoothed reconstruction error score's image shape or Gaussian",
            ("missing", json => json.Remove("smoothing")),
            ("a shape of other images", json => json["smoothing"]!["shape"] = new JsonArray(1, 28, 27)),
            ("a sigma of zero", json => json["smoothing"]!["sigma"] = 0f),
            ("a sigma written as text", json => json["smoothing"]!["sigma"] = "1"));
    }

    [Fact]
    public void APcaDetectorIsSavedWithItsThresholdAndDamagedStatisticsAreRefused()
    {
        var data = RandomizedPcaTests.Plane(_ml);
        var detector = _ml.AnomalyDetection.ChangeModelThreshold(_ml.AnomalyDetection.Trainers.RandomizedPca(rank: 2).Fit(data), 0.3f);
        var path = Path.Combine(_directory, "pca.zip");
        _ml.Model.Save(detector, data.Schema, path);

        var loaded = (AnomalyPredictionTransformer<PcaModelParameters>)_ml.Model.Load(path, out _);
        Assert.Equal(0.3f, loaded.Threshold);
        var probe = RandomizedPcaTests.Rows(_ml, RandomizedPcaTests.At(1, 0, 1), RandomizedPcaTests.At(0, 0, 2), RandomizedPcaTests.At(3, 1, 0));
        Assert.Equal(detector.Transform(probe).GetColumn<float>("Score"), loaded.Transform(probe).GetColumn<float>("Score"));
        Assert.Equal(detector.Transform(probe).GetColumn<bool>("PredictedLabel"), loaded.Transform(probe).GetColumn<bool>("PredictedLabel"));

        AssertDamagedCopiesAreRefused(path, "PcaModelParameters",
            ("missing", json => json.Remove("model")),
            ("one component value short", json => json["model"]!["components"]!.AsArray().RemoveAt(0)),
            ("a mean written as text", json => json["model"]!["mean"]![0] = float.PositiveInfinity.ToString()));
    }

    [Fact]
    public void LbfgsClassifiersAreSavedWithTheirWeightsAndDamagedOnesAreRefused()
    {
        var data = _ml.Data.LoadFromEnumerable(LbfgsTrainerTests.Rows(90, seed: 9));
        var multiclass = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy().Fit(data);
        var binary = _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Positive").Fit(data);
        foreach (var (name, model, expected) in new (string, ITransformer, string)[]
        {
            ("multiclass", multiclass, "the multiclass weights are missing, not finite or do not fit the classes"),
            ("binary", binary, "the binary classifier's weights are missing, not finite or do not fit together"),
        })
        {
            var path = Path.Combine(_directory, $"{name}.zip");
            _ml.Model.Save(model, data.Schema, path);
            EstimatorWorkout.AssertSameOutputs(model.Transform(data), _ml.Model.Load(path, out _).Transform(data));
            AssertDamagedCopiesAreRefused(path, expected,
                ("missing", json => json.Remove("model")),
                ("one weight short", json => json["model"]!["weights"]!.AsArray().RemoveAt(0)),
                ("a bias written as text", json => json["model"]!["biases"]![0] = "NaN"));
        }
    }

    /// <summary>Each damage, done to the model.json of its own copy of the model at <paramref name="path"/>, makes loading fail with a message containing <paramref name="expected"/>.</summary>
    private void AssertDamagedCopiesAreRefused(string path, string expected, params (string What, Action<JsonObject> Damage)[] damages)
    {
        foreach (var (what, damage) in damages)
        {
            var damaged = Path.Combine(_directory, $"{Path.GetFileNameWithoutExtension(path)}-{what.Replace(' ', '-')}.zip");
            File.Copy(path, damaged);
            var json = JsonNode.Parse(ReadEntryText(damaged, "model.json"))!.AsObject();
            damage(json);
            ReplaceEntry(damaged, "model.json", json.ToJsonString());
            Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => _ml.Model.Load(damaged, out _)).Message);
        }
    }

    /// <summary>Rewrites a saved model as format version 1 wrote it: the version, and each autoencoder's architecture beside its weights.</summary>
    private static void WriteVersionOne(string source, string destination, string architectureJson)
    {
        File.Copy(source, destination);
        var json = JsonNode.Parse(ReadEntryText(destination, "model.json"))!;
        var autoencoders = Descendants(json).OfType<JsonObject>().Where(node => node.ContainsKey("weights")).ToList();
        Assert.Single(autoencoders);
        autoencoders[0]["architecture"] = JsonNode.Parse(architectureJson);
        ReplaceEntry(destination, "model.json", json.ToJsonString());
        ReplaceEntry(destination, "format.json", "{\"format\": \"autoencoders-model\", \"version\": 1}");
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => Descendants(property.Value)).Prepend(obj),
        JsonArray array => array.SelectMany(Descendants).Prepend(array),
        null => [],
        _ => [node],
    };

    private static string ReadEntryText(string zip, string entry)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static void ReplaceEntry(string zip, string entry, string text)
    {
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        archive.GetEntry(entry)!.Delete();
        using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
        writer.Write(text);
    }

    [Fact]
    public void FilesThatAreNotModelsGiveAClearError()
    {
        var (_, _, path) = SavedDetector();
        var bytes = File.ReadAllBytes(path);

        var truncated = Path.Combine(_directory, "truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains("is not a valid model file", Assert.Throws<InvalidDataException>(() => _ml.Model.Load(truncated, out _)).Message);

        var otherZip = Path.Combine(_directory, "other.zip");
        using (var archive = ZipFile.Open(otherZip, ZipArchiveMode.Create)) archive.CreateEntry("readme.txt");
        Assert.Contains("entry 'format.json' is missing", Assert.Throws<InvalidDataException>(() => _ml.Model.Load(otherZip, out _)).Message);

        var weightsGone = Path.Combine(_directory, "no-weights.zip");
        File.Copy(path, weightsGone);
        using (var archive = ZipFile.Open(weightsGone, ZipArchiveMode.Update)) archive.GetEntry("autoencoders/0.pt")!.Delete();
        Assert.Contains("weights entry 'autoencoders/0.pt' is missing", Assert.Throws<InvalidDataException>(() => _ml.Model.Load(weightsGone, out _)).Message);

        Assert.Throws<FileNotFoundException>(() => _ml.Model.Load(Path.Combine(_directory, "absent.zip"), out _));
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousFileIntact()
    {
        var (model, data, path) = SavedDetector();
        var before = File.ReadAllBytes(path);

        Assert.Throws<NotSupportedException>(() => _ml.Model.Save(new UnsavableTransformer(), data.Schema, path));
        Assert.Throws<ArgumentException>(() => _ml.Model.Save(model, TestData.Tabular(_ml, 1).Schema, path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AFlippedBitInsideTheJsonIsRefusedNamingFileAndEntry()
    {
        var (_, _, path) = SavedDetector();
        foreach (var entry in new[] { "model.json", "schema.json", "format.json" })
        {
            var bytes = File.ReadAllBytes(path);
            var (offset, length) = ZipLayout.EntryData(bytes, entry);
            bytes[offset + length / 2] ^= 0x10;
            var damaged = Path.Combine(_directory, $"damaged-{entry}.zip");
            File.WriteAllBytes(damaged, bytes);

            var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(damaged, out _));
            Assert.Contains($"'{damaged}' is not a valid model file", error.Message);
            Assert.True(error.Message.Contains($"'{entry}'"), error.Message);
        }
    }

    [Fact]
    public void AnEntryLargerThanItCanHoldIsRefusedBeforeItIsInflated()
    {
        var (_, _, path) = SavedDetector();
        foreach (var (entry, size) in new[] { ("autoencoders/0.pt", 64 << 20), ("model.json", 256 << 20) })
        {
            var bomb = Path.Combine(_directory, $"bomb-{size}.zip");
            File.Copy(path, bomb);
            using (var archive = ZipFile.Open(bomb, ZipArchiveMode.Update))
            {
                archive.GetEntry(entry)!.Delete();
                using var stream = archive.CreateEntry(entry, CompressionLevel.SmallestSize).Open();
                stream.Write(new byte[size]);
            }

            Assert.True(new FileInfo(bomb).Length < size / 100, "the test's zip should inflate over a hundredfold");
            var error = Assert.Throws<InvalidDataException>(() => _ml.Model.Load(bomb, out _));
            Assert.Contains($"'{entry}' declares {size} bytes, more than the", error.Message);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void AReadOnlyTargetIsNotReplaced()
    {
        var (model, data, path) = SavedDetector();
        var before = File.ReadAllBytes(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<UnauthorizedAccessException>(() => _ml.Model.Save(model, data.Schema, path));
        Assert.Equal($"Cannot write '{path}': the file is read-only. Make it writable, or save to another path.", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void ASavedFileKeepsItsPermissionsAndErrorsNameTheTarget()
    {
        var (model, data, path) = SavedDetector();
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        _ml.Model.Save(model, data.Schema, path);
        Assert.Equal(mode, File.GetUnixFileMode(path));

        var nowhere = Path.Combine(_directory, "no-such-folder", "model.zip");
        var error = Assert.Throws<DirectoryNotFoundException>(() => _ml.Model.Save(model, data.Schema, nowhere));
        Assert.StartsWith($"Cannot write '{nowhere}'", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void TemporaryFilesOfAKilledSaveAreRemovedButALiveSavesAreKept()
    {
        var (model, data, path) = SavedDetector();
        var abandoned = Path.Combine(_directory, $".{Path.GetFileName(path)}.0123456789abcdef.tmp");
        var live = Path.Combine(_directory, $".{Path.GetFileName(path)}.fedcba9876543210.tmp");
        File.WriteAllText(abandoned, "left by a killed save");
        using (new FileStream(live, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            _ml.Model.Save(model, data.Schema, path);
            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(live));
        }

        _ml.Model.Save(model, data.Schema, path);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AFileThatCannotBeReadIsReportedAsAnIoErrorNotAsDamage()
    {
        var (_, _, path) = SavedDetector();
        using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.ThrowsAny<IOException>(() => _ml.Model.Load(path, out _));
        Assert.IsNotType<InvalidDataException>(error);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void PredictionEngineAgreesWithBatchScoring()
    {
        var (model, data, _) = SavedDetector();
        var engine = _ml.Model.CreatePredictionEngine<FeatureRow, Prediction>(model);
        var batch = _ml.Data.CreateEnumerable<Prediction>(model.Transform(data), false).ToList();
        var inputs = _ml.Data.CreateEnumerable<FeatureRow>(data, false).ToList();

        for (var i = 0; i < 10; i++)
        {
            var single = engine.Predict(inputs[i]);
            // A single row takes the fused single-row kernel: the same sums in another order.
            Assert.Equal(batch[i].Score, single.Score, tolerance: 1e-5f * batch[i].Score);
            Assert.Equal(batch[i].PredictedLabel, single.PredictedLabel);
        }

        Assert.Contains("Row 0 of column 'Features' has NaN at index 2", Assert.Throws<ArgumentException>(() =>
            engine.Predict(new FeatureRow { Features = [0, 0, float.NaN, 0, 0] })).Message);
    }

    [Fact]
    public void AModelSavedToAStreamLoadsFromItAndScoresTheSame()
    {
        var (model, data, _) = SavedDetector();
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.Load(stream, out var schema);
        Assert.True(schema.HasSameColumns(data.Schema));
        Assert.Equal(model.Transform(data).GetColumn<float>("Score"), loaded.Transform(data).GetColumn<float>("Score"));

        using var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)]);
        Assert.StartsWith("The model stream is not a valid model file", Assert.Throws<InvalidDataException>(() => _ml.Model.Load(truncated, out _)).Message);
    }

    [Fact]
    public void APredictionEngineFillsAGivenObjectIgnoresUnknownMembersAndRefusesUseAfterDispose()
    {
        var (model, data, _) = SavedDetector();
        var input = _ml.Data.CreateEnumerable<FeatureRow>(data, false).First();
        var expected = model.Transform(data).GetColumn<float>("Score").First();
        var prediction = new PredictionWithExtra();
        var engine = _ml.Model.CreatePredictionEngine<FeatureRow, PredictionWithExtra>(model);
        using (engine)
        {
            var same = prediction;
            engine.Predict(input, ref prediction);
            Assert.Same(same, prediction);
            Assert.Equal(expected, prediction.Score, tolerance: 1e-5f * expected);
        }

        Assert.Throws<ObjectDisposedException>(() => engine.Predict(input));
        Assert.Contains("NotAColumn", Assert.ThrowsAny<ArgumentException>(() =>
            _ml.Model.CreatePredictionEngine<FeatureRow, PredictionWithExtra>(model, ignoreMissingColumns: false).Predict(input)).Message);
    }

    private sealed class PredictionWithExtra
    {
        public float Score { get; set; }

        public float NotAColumn { get; set; }
    }

    private sealed class FeatureRow
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class UnsavableTransformer : ITransformer
    {
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IDataView Transform(IDataView input) => input;
    }
}
