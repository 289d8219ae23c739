using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>What a saved model holds beyond its ML.NET transformers, and what becomes of a damaged one.</summary>
public sealed class SavedModelTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("autoencoder-saved-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (ITransformer Model, IDataView Data, string Path) SaveEmbeddingAndDetector()
    {
        var data = _ml.Data.LoadFromEnumerable(ImageRows.Read(300));
        var model = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 6, epochs: 2))
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new Autoencoders.Transforms.AutoencoderAnomalyDetectionOptions
            {
                FeatureColumnName = "Embedding", LatentDimension = 2, Epochs = 3,
            }))
            .Fit(data);
        var path = Path.Combine(_directory, "model.zip");
        _ml.Model.Save(model, data.Schema, path);
        return (model, data, path);
    }

    [Fact]
    public void TheTorchSharpModelsAreRebuiltFromASavedModelWithTheirExactWeights()
    {
        var (model, _, path) = SaveEmbeddingAndDetector();
        var chain = (IEnumerable<ITransformer>)model;
        var embedding = (Autoencoders.Transforms.AutoencoderTransformer)chain.ElementAt(1);
        var detector = (Autoencoders.Transforms.AutoencoderAnomalyPredictionTransformer)chain.ElementAt(2);

        var rebuilt = _ml.Model.LoadAutoencoders(path);
        try
        {
            Assert.Equal(2, rebuilt.Count);
            var rows = FashionMnistSlice.TrainingRows(50);
            Assert.Equal(embedding.Model.Encode(rows).Values.ToArray(), rebuilt[0].Encode(rows).Values.ToArray());
            var codes = embedding.Model.Encode(rows);
            Assert.Equal(detector.Model.Reconstruct(codes).Values.ToArray(), rebuilt[1].Reconstruct(codes).Values.ToArray());
            Assert.Equal(embedding.Model.Architecture.ToJson(), rebuilt[0].Architecture.ToJson());
        }
        finally
        {
            foreach (var autoencoder in rebuilt)
            {
                autoencoder.Dispose();
            }
        }
    }

    [Fact]
    public void ASavedDetectorsThresholdAndTrainingHistoryAreReadBackFromTheFile()
    {
        var (model, _, path) = SaveEmbeddingAndDetector();
        var detector = (Autoencoders.Transforms.AutoencoderAnomalyPredictionTransformer)((IEnumerable<ITransformer>)model).ElementAt(2);

        var saved = Assert.Single(_ml.Model.LoadAnomalyDetectors(path));
        Assert.Equal(detector.Threshold, saved.Threshold);
        Assert.Equal(3, saved.TrainingHistory.Count);
        Assert.Equal(detector.History.Select(e => (e.Epoch, e.TrainingLoss, e.ValidationLoss)), saved.TrainingHistory.Select(e => (e.Epoch, e.TrainingLoss, e.ValidationLoss)));
    }

    [Fact]
    public void AZipBombInPlaceOfAGraphIsRefusedBeforeItIsInflated()
    {
        var path = Path.Combine(_directory, "bomb.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        using (var entry = zip.CreateEntry("TransformerChain/Transform_000/OnnxModel", System.IO.Compression.CompressionLevel.SmallestSize).Open())
        {
            // A graph that says it is 2 GB long, then 256 MB of zeros: about 250 KB compressed.
            entry.Write(BitConverter.GetBytes(int.MaxValue));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                entry.Write(zeros);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => _ml.Model.LoadAutoencoders(path));
        Assert.Contains("more than 100 times: it is damaged or a zip bomb, and was not read", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the entry was inflated");
    }

    /// <summary>
    /// 1,000 damaged copies of a saved embedding + detector chain, four kinds in turn: truncated,
    /// one bit flipped, the contents of two zip entries swapped, an entry grown by a megabyte of
    /// zeros. Each fails to load or score with an exception, or scores exactly as the original.
    /// </summary>
    [Fact]
    public void ADamagedSavedModelFailsToLoadOrScoresAsTheOriginalNeverOtherwise()
    {
        var (_, data, path) = SaveEmbeddingAndDetector();
        var original = File.ReadAllBytes(path);
        var expected = Scores(new MLContext().Model.Load(path, out _).Transform(data));
        var random = new Random(7);
        var outcomes = new Dictionary<string, (int Failed, int Same)>();
        for (var trial = 0; trial < 1_000; trial++)
        {
            var (kind, damaged) = Damage(original, trial % 4, random);
            var damagedPath = Path.Combine(_directory, "damaged.zip");
            File.WriteAllBytes(damagedPath, damaged);
            var (failed, same) = outcomes.GetValueOrDefault(kind);
            try
            {
                var scores = Scores(new MLContext().Model.Load(damagedPath, out _).Transform(data));
                Assert.True(expected.SequenceEqual(scores), $"trial {trial} ({kind}) loaded and scored differently from the original");
                same++;
            }
            catch (Exception e) when (e is not (OutOfMemoryException or Xunit.Sdk.XunitException))
            {
                failed++;
            }

            outcomes[kind] = (failed, same);
        }

        // Grown entries load and score as the original (ML.NET and the ONNX entry's own length ignore
        // trailing bytes); every other kind must be caught at least sometimes.
        var summary = string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value.Failed} failed, {o.Value.Same} scored as the original"));
        Assert.True(outcomes.Where(o => o.Key != "entry grown").All(o => o.Value.Failed > 0), summary);
    }

    private static (string Kind, byte[] Damaged) Damage(byte[] original, int kind, Random random)
    {
        switch (kind)
        {
            case 0:
                return ("truncated", original[..random.Next(original.Length)]);
            case 1:
                var flipped = original.ToArray();
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return ("bit flipped", flipped);
            default:
                using (var copy = new MemoryStream())
                {
                    copy.Write(original);
                    using (var zip = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
                    {
                        var entries = zip.Entries.ToList();
                        var first = entries[random.Next(entries.Count)];
                        var contents = Read(first);
                        if (kind == 2)
                        {
                            var second = entries[random.Next(entries.Count)];
                            var secondContents = Read(second);
                            Write(first, secondContents);
                            Write(second, contents);
                        }
                        else
                        {
                            Write(first, [.. contents, .. new byte[1 << 20]]);
                        }
                    }

                    return (kind == 2 ? "entries swapped" : "entry grown", copy.ToArray());
                }
        }
    }

    private static byte[] Read(System.IO.Compression.ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static void Write(System.IO.Compression.ZipArchiveEntry entry, byte[] contents)
    {
        using var stream = entry.Open();
        stream.SetLength(0);
        stream.Write(contents);
    }

    private static float[] Scores(IDataView scored) => scored.GetColumn<float>("Score").ToArray();
}
