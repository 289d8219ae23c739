using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>Slot names as ML.NET's annotations: from a text file's header, through Concatenate and slot-by-slot transforms, onto per-feature errors.</summary>
public sealed class SlotNameTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"slots-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private static string[] SlotNames(DataViewSchema.Column column)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(name => name.ToString()).ToArray();
    }

    [Fact]
    public void AHeaderNamesTheSlotsAndTransformsCarryTheNamesToTheFeatureContributions()
    {
        var random = new Random(4);
        File.WriteAllLines(_path, ["id,speed,heat,,load", .. Enumerable.Range(0, 200).Select(i => $"{i},{random.NextDouble():F3},{random.NextDouble():F3},{random.NextDouble():F3},{random.NextDouble():F3}")]);
        var data = _ml.Data.LoadFromTextFile(_path, [new TextLoader.Column("Features", DataKind.Single, 1, 4), new TextLoader.Column("Id", DataKind.Single, 0)],
            separatorChar: ',', hasHeader: true);
        Assert.Equal(["speed", "heat", "", "load"], SlotNames(data.Schema["Features"]));
        Assert.False(data.Schema["Id"].HasSlotNames());

        var options = new AutoencoderAnomalyDetectionOptions { LatentDimension = 1, Epochs = 1, FeatureContributionsColumnName = "Contributions" };
        var pipeline = _ml.Transforms.ReplaceMissingValues("Features")
            .Append(_ml.Transforms.NormalizeMinMax("Features"))
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(options));
        Assert.Equal(["speed", "heat", "", "load"], SlotNames(pipeline.GetOutputSchema(data.Schema)["Contributions"]));
        var scored = pipeline.Fit(data).Transform(data);
        Assert.Equal(["speed", "heat", "", "load"], SlotNames(scored.Schema["Contributions"]));
        Assert.Equal(["speed", "heat", "", "load"], SlotNames(scored.Schema["Features"]));
    }

    [Fact]
    public void ConcatenateNamesScalarsByColumnAndUnnamedVectorSlotsByIndex()
    {
        var data = TestData.Tabular(_ml, 5);
        var output = _ml.Transforms.Concatenate("Features", "Age", "Readings", "Income").Fit(data).Transform(data);
        Assert.Equal(["Age", "Readings.0", "Readings.1", "Readings.2", "Income"], SlotNames(output.Schema["Features"]));
        Assert.Equal(["Age", "Readings.0", "Readings.1", "Readings.2", "Income"], SlotNames(_ml.Data.Cache(output).Schema["Features"]));
    }
}
