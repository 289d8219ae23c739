using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>What the family does beyond codes: reconstruction, denoising, decoding and sampling, as ML.NET components.</summary>
public sealed class AutoencoderTransformTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("autoencoder-transforms-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static float Distance(float[] a, float[] b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum() / a.Length;

    [Fact]
    public void ReconstructWritesTheModelsReconstructionAndSavesForPlainMLNet()
    {
        var data = _ml.Data.LoadFromEnumerable(ImageRows.Read(300));
        using var transformer = _ml.Transforms.AutoencoderReconstruct("Reconstruction", "Features", latentDimension: 8, epochs: 2).Fit(data);
        Assert.Equal(AutoencoderOutput.Reconstruction, transformer.Output);
        var scored = transformer.Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 784), scored.Schema["Reconstruction"].Type);
        var reconstructions = scored.GetColumn<float[]>("Reconstruction").ToArray();
        Assert.Equal(transformer.Model.Reconstruct(FashionMnistSlice.TrainingRows(300)).Values.ToArray(), reconstructions.SelectMany(row => row));

        var path = Path.Combine(_directory, "reconstruct.zip");
        _ml.Model.Save(transformer, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _).Transform(data).GetColumn<float[]>("Reconstruction").ToArray();
        Assert.All(reconstructions.SelectMany(row => row).Zip(loaded.SelectMany(row => row)), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));
    }

    [Fact]
    public void DenoiseGivesImagesBackCloserToTheCleanOnesThanTheirNoisyCopies()
    {
        var clean = ImageRows.Read(1200);
        using var denoiser = _ml.Transforms.AutoencoderDenoise("Cleaned", "Features", NoiseKind.Salt, noiseLevel: 0.2f, latentDimension: 32, epochs: 15)
            .Fit(_ml.Data.LoadFromEnumerable(clean[..1000]));
        var random = new Random(5);
        var test = clean[1000..];
        var noisy = test.Select(row => new ImageRows { Label = row.Label, Features = row.Features.Select(v => random.NextDouble() < 0.2 ? 1f : v).ToArray() }).ToArray();
        var cleaned = denoiser.Transform(_ml.Data.LoadFromEnumerable(noisy)).GetColumn<float[]>("Cleaned").ToArray();
        var noisyDistance = test.Zip(noisy, (a, b) => Distance(a.Features, b.Features)).Average();
        var cleanedDistance = test.Zip(cleaned, (a, b) => Distance(a.Features, b)).Average();
        Assert.True(cleanedDistance < noisyDistance / 2, $"denoised {cleanedDistance}, noisy {noisyDistance}");
    }

    [Fact]
    public void DecodeTurnsCodesBackIntoRowsWithItsOwnCopyOfTheModel()
    {
        var data = _ml.Data.LoadFromEnumerable(ImageRows.Read(200));
        var embed = _ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 6, epochs: 2).Fit(data);
        var codes = _ml.Data.Cache(embed.Transform(data), "Code");
        using var decode = _ml.Transforms.AutoencoderDecode("Decoded", "Code", embed.Model).Fit(codes);
        var expected = embed.Model.Reconstruct(FashionMnistSlice.TrainingRows(200)).Values.ToArray();
        codes.GetColumn<float[]>("Code").Count();
        embed.Dispose();
        var decoded = decode.Transform(codes).GetColumn<float[]>("Decoded").SelectMany(row => row).ToArray();
        Assert.Equal(expected, decoded);

        var path = Path.Combine(_directory, "decode.zip");
        _ml.Model.Save(decode, codes.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _).Transform(codes).GetColumn<float[]>("Decoded").SelectMany(row => row).ToArray();
        Assert.All(decoded.Zip(loaded), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));

        var wrongWidth = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.AutoencoderDecode("Decoded", "Features", decode.Model).Fit(data));
        Assert.Contains("'Features' holds 784 values", wrongWidth.Message);
    }

    [Fact]
    public void AVariationalModelsSamplesComeAsADataViewAndOnlyAVariationalModelSamples()
    {
        var data = _ml.Data.LoadFromEnumerable(ImageRows.Read(300));
        using var vae = _ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
        {
            OutputColumnName = "Code", InputColumnName = "Features", LatentDimension = 4, Variational = true, Epochs = 2,
        }).Fit(data);
        var samples = _ml.Data.SampleFromAutoencoder(vae.Model, count: 5, seed: 3, columnName: "Pixels");
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 784), samples.Schema["Pixels"].Type);
        Assert.Equal(vae.Model.Sample(5, 3).Values.ToArray(), samples.GetColumn<float[]>("Pixels").SelectMany(row => row));

        using var plain = _ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 4, epochs: 1).Fit(data);
        Assert.Throws<InvalidOperationException>(() => _ml.Data.SampleFromAutoencoder(plain.Model, 5));
    }

    [Fact]
    public void DataLargerThanTheShufflePoolStreamsThroughMLNetsShuffleEachEpochAndErrorsNameTheRowsPosition()
    {
        var rows = ImageRows.Read(600);
        var data = new CountingDataView(_ml.Data.LoadFromEnumerable(rows));
        AutoencoderTransformOptions Options(int pool) => new()
        {
            OutputColumnName = "Code", InputColumnName = "Features", LatentDimension = 8, Epochs = 4, ShufflePoolSize = pool, Seed = 3,
        };

        using var streamed = _ml.Transforms.AutoencoderEmbed(Options(pool: 100)).Fit(data);
        var streamedCursors = data.Cursors;
        Assert.True(streamed.History[^1].TrainingLoss < streamed.History[0].TrainingLoss, string.Join(", ", streamed.History.Select(e => e.TrainingLoss)));
        data.Cursors = 0;
        using var kept = _ml.Transforms.AutoencoderEmbed(Options(pool: 1000)).Fit(data);
        // Kept in memory: read once to check, once more for validation; streamed: once more for each epoch's training pass.
        Assert.True(streamedCursors >= data.Cursors + 4, $"streamed {streamedCursors} cursors, kept {data.Cursors}");

        rows[555].Features[12] = float.PositiveInfinity;
        var error = Assert.Throws<ArgumentException>(() => _ml.Transforms.AutoencoderEmbed(Options(pool: 100)).Fit(_ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 555 of column 'Features' has +Infinity at index 12", error.Message);
    }

    /// <summary>A data view that counts the cursors opened on it.</summary>
    private sealed class CountingDataView(IDataView inner) : IDataView
    {
        public int Cursors { get; set; }

        public bool CanShuffle => inner.CanShuffle;

        public DataViewSchema Schema => inner.Schema;

        public long? GetRowCount() => inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursor(columnsNeeded, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursorSet(columnsNeeded, n, rand);
        }
    }
}
