using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>SaveAsBinary / LoadFromBinary and SaveAsText: round trips, damage found, only asked-for columns decoded.</summary>
public sealed class BinaryFormatTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("binary-format-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private IDataView Rows(int count) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new TabularRow
    {
        Age = i * 0.5f, Income = -i, Readings = [i, float.Epsilon * i, -i / 3f], Name = i % 3 == 0 ? $"\"quoted\", ü {i}" : "", IsAnomaly = i % 7 == 0,
    }).ToList());

    private string Save(IDataView data, string name)
    {
        var path = Path.Combine(_directory, name);
        using (var file = File.Create(path)) _ml.Data.SaveAsBinary(data, file);
        return path;
    }

    [Fact]
    public void EveryColumnTypeRoundTripsAcrossManyBlocksWithItsRowCount()
    {
        var rows = Rows(10_000);
        var loaded = _ml.Data.LoadFromBinary(Save(rows, "rows.bin"));

        Assert.Equal(10_000, loaded.GetRowCount());
        Assert.True(rows.Schema.HasSameColumns(loaded.Schema));
        EstimatorWorkout.AssertSameOutputs(rows, loaded);
        Assert.Equal(Enumerable.Range(5000, 3).Select(i => i * 0.5f), _ml.Data.TakeRows(_ml.Data.SkipRows(loaded, 5000), 3).GetColumn<float>("Age"));
    }

    [Fact]
    public void ADamagedColumnIsFoundWhenReadAndOtherColumnsAreNotDecoded()
    {
        var path = Save(Rows(100), "damaged.bin");
        var bytes = File.ReadAllBytes(path);
        var name = System.Text.Encoding.UTF8.GetBytes("ü 99");
        var at = bytes.AsSpan().IndexOf(name);
        bytes[at] ^= 0x20;
        File.WriteAllBytes(path, bytes);

        var loaded = _ml.Data.LoadFromBinary(path);
        Assert.Equal(100, loaded.GetColumn<float>("Age").Count());
        var error = Assert.Throws<InvalidDataException>(() => loaded.GetColumn<string>("Name").ToList());
        Assert.Contains($"'{path}' is damaged: block 0 (rows from 0) column 'Name' fails its checksum", error.Message);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => _ml.Data.LoadFromBinary(path).GetColumn<float>("Age").ToList()).Message);
        File.WriteAllBytes(path, bytes[..5]);
        Assert.Contains("cut short", Assert.Throws<InvalidDataException>(() => _ml.Data.LoadFromBinary(path)).Message);
        File.WriteAllText(path, "Age,Income\n1,2\n");
        Assert.Contains("is not a binary data file", Assert.Throws<InvalidDataException>(() => _ml.Data.LoadFromBinary(path)).Message);
    }

    [Fact]
    public void ABinaryFileScoresAsTheRowsItWasSavedFrom()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 300)).Transform(TestData.Tabular(_ml, 300));
        using var detector = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 2 })).Fit(data);
        var loaded = _ml.Data.LoadFromBinary(Save(data, "scored.bin"));
        Assert.Equal(detector.Transform(data).GetColumn<float>("Score"), detector.Transform(loaded).GetColumn<float>("Score"));
    }

    [Fact]
    public void SaveAsTextWritesAFileTheTextLoaderReadsBack()
    {
        var rows = Rows(50);
        var path = Path.Combine(_directory, "rows.csv");
        using (var file = File.Create(path)) _ml.Data.SaveAsText(rows, file, separatorChar: ',');

        Assert.Equal(["Age", "Income", "Readings.0", "Readings.1", "Readings.2", "Name", "IsAnomaly"], TextLoader.ReadHeader(path));
        var loaded = _ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Age", DataKind.Single, 0), new TextLoader.Column("Readings", DataKind.Single, 2, 4),
            new TextLoader.Column("Name", DataKind.String, 5), new TextLoader.Column("IsAnomaly", DataKind.Boolean, 6)], separatorChar: ',', hasHeader: true, allowQuoting: true);
        Assert.Equal(rows.GetColumn<float>("Age"), loaded.GetColumn<float>("Age"));
        Assert.Equal(rows.GetColumn<float[]>("Readings"), loaded.GetColumn<float[]>("Readings"));
        Assert.Equal(rows.GetColumn<string>("Name"), loaded.GetColumn<string>("Name"));
        Assert.Equal(rows.GetColumn<bool>("IsAnomaly"), loaded.GetColumn<bool>("IsAnomaly"));
    }

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void TheChecksumIsCrc32C(string text, uint expected) =>
        Assert.Equal(expected, Checksums.Crc32C(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void ModelEntriesAreCheckedWithZipsCrc32(string text, uint expected) =>
        Assert.Equal(expected, Checksums.Crc32(System.Text.Encoding.ASCII.GetBytes(text)));
}
