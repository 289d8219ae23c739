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
    public void ADamagedSavedModelFailsToLoadOrScoresAsTheOriginalNeverOtherwise()
    {
        var (_, data, path) = SaveEmbeddingAndDetector();
        var original = File.ReadAllBytes(path);
        var expected = Scores(new MLContext().Model.Load(path, out _).Transform(data));
        var random = new Random(7);
        int failed = 0, same = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var damaged = original.ToArray();
            if (trial % 3 == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }
            else
            {
                var at = random.Next(damaged.Length);
                damaged[at] ^= (byte)(1 << random.Next(8));
            }

            var damagedPath = Path.Combine(_directory, $"damaged-{trial}.zip");
            File.WriteAllBytes(damagedPath, damaged);
            float[] scores;
            try
            {
                scores = Scores(new MLContext().Model.Load(damagedPath, out _).Transform(data));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed++;
                continue;
            }

            Assert.Equal(expected, scores);
            same++;
        }

        Assert.True(failed > 0, $"{failed} damaged files failed to load, {same} scored as the original");
    }

    private static float[] Scores(IDataView scored) => scored.GetColumn<float>("Score").ToArray();
}
