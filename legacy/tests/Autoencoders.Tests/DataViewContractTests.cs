using Autoencoders.Data;
using Autoencoders.Transforms;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>The data-view contract: lazy transforms, cursors over only the columns asked for, and views written by users.</summary>
public class DataViewContractTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void TransformPullsNoRowsAndComputesOnlyTheColumnsRead()
    {
        var training = new CountingDataView(500);
        using var detector = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 2 }))
            .Fit(training);

        var data = new CountingDataView(300);
        var scored = detector.Transform(data);
        Assert.Equal(0, data.RowsPulled);
        Assert.Equal(300, scored.GetRowCount());

        Assert.Equal(30, scored.GetColumn<bool>("Label").Count(label => label));
        Assert.Equal((300L, 0L, 300L), (data.RowsPulled, data.FeatureReads, data.LabelReads));

        var scores = scored.GetColumn<float>("Score").ToArray();
        Assert.Equal((600L, 300L), (data.RowsPulled, data.FeatureReads));
        Assert.Equal(0, data.OpenCursors);
        _ml.AnomalyDetection.Evaluate(scored, labelColumnName: "Label");
        Assert.Equal((900L, 600L, 600L), (data.RowsPulled, data.FeatureReads, data.LabelReads));
        Assert.Equal(300, scores.Length);
    }

    [Fact]
    public void AUserViewScoresAsTheSameRowsHeldInMemory()
    {
        var user = new CountingDataView(200);
        var copied = _ml.Data.Cache(user);
        using var model = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 2, Seed = 3 }))
            .Fit(copied);

        Assert.Equal(model.Transform(copied).GetColumn<float>("Score"), model.Transform(user).GetColumn<float>("Score"));
    }

    [Fact]
    public void RowCursorsHandOutVectorsAsVBuffersAndNameWrongTypes()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 3).Select(i => new TabularRow { Age = i, Readings = [i, i + 1, i + 2], Name = $"n{i}" }).ToList());
        var readings = data.Schema["Readings"];
        using var cursor = data.GetRowCursor([readings, data.Schema["Name"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(readings);
        var text = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Name"]);
        var value = default(VBuffer<float>);
        var name = default(ReadOnlyMemory<char>);
        Assert.Throws<InvalidOperationException>(() => getter(ref value));
        Assert.True(cursor.MoveNext());
        Assert.True(cursor.MoveNext());
        getter(ref value);
        text(ref name);
        Assert.Equal(1L, cursor.Position);
        Assert.Equal([1f, 2f, 3f], value.GetValues().ToArray());
        Assert.Equal("n1", name.ToString());

        Assert.Contains("read it as VBuffer<Single>, not Single[]", Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float[]>(readings)).Message);
        Assert.Contains("was not asked for", Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(data.Schema["Age"])).Message);
        Assert.Contains("read it as Single, not Int32", Assert.Throws<InvalidOperationException>(() => data.GetColumn<int>("Age")).Message);
        Assert.Throws<ArgumentException>(() => data.GetRowCursor([new DataViewSchema.Column("Age", 0, NumberDataViewType.Int32)]));
    }

    [Fact]
    public void BlockCursorsOfAUserViewGatherItsRowsInOrder()
    {
        var data = new CountingDataView(10, width: 2);
        using var cursor = ((IDataView)data).GetBlockCursor([data.Schema["Features"]], maxBlockRows: 4);
        var blocks = new List<(long, int, float)>();
        while (cursor.MoveNext())
        {
            blocks.Add((cursor.Position, cursor.RowCount, cursor.GetValues<float>(data.Schema["Features"]).Span[^1]));
        }

        Assert.Equal([(0, 4, CountingDataView.Feature(3, 1)), (4, 4, CountingDataView.Feature(7, 1)), (8, 2, CountingDataView.Feature(9, 1))], blocks);
    }

    [Fact]
    public void ShuffledCursorsOfAnInMemoryViewFollowTheirSeed()
    {
        var data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(Enumerable.Range(0, 100).Select(i => new TextRow { Name = $"{i}" }).ToList()));
        string[] Order(int seed)
        {
            using var cursor = data.GetRowCursor(data.Schema, new Random(seed));
            var getter = cursor.GetGetter<string>(data.Schema["Name"]);
            var names = new List<string>();
            var name = "";
            while (cursor.MoveNext())
            {
                getter(ref name);
                names.Add(name);
            }

            return names.ToArray();
        }

        Assert.True(data.CanShuffle);
        Assert.Equal(Order(5), Order(5));
        Assert.NotEqual(Order(5), Order(6));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{i}").Order(), Order(5).Order());
    }

    [Fact]
    public void NormalizersLearnFromOnePassWithoutHoldingTheRows()
    {
        var data = new CountingDataView(10_000, width: 3);
        var minMax = (NormalizingTransformer.AffineNormalizerModelParameters)_ml.Transforms.NormalizeMinMax("Features", fixZero: false).Fit(data).GetNormalizerModelParameters(0);
        var meanVariance = (NormalizingTransformer.AffineNormalizerModelParameters)_ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(data).GetNormalizerModelParameters(0);
        Assert.Equal(20_000, data.RowsPulled);

        var values = Enumerable.Range(0, 10_000).Select(row => (double)CountingDataView.Feature(row, 1)).ToArray();
        var mean = values.Average();
        var deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.Equal((float)values.Min(), minMax.Offset[1]);
        Assert.Equal((float)(1 / (values.Max() - values.Min())), minMax.Scale[1], 6);
        Assert.Equal(mean, meanVariance.Offset[1], 5);
        Assert.Equal(1 / deviation, meanVariance.Scale[1], 5);
    }

    [Theory]
    [InlineData(100_000, 2)]
    [InlineData(64, 2 + 2 * 3)]
    public void AnAutoencoderKeepsDataThePoolCouldHoldAndStreamsLargerData(int shufflePoolSize, int passes)
    {
        var data = new CountingDataView(1000, width: 4);
        var history = new List<EpochProgress>();
        using var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            LatentDimension = 2, Epochs = 3, EarlyStoppingPatience = 0, ShufflePoolSize = shufflePoolSize, Threshold = 1f,
            ValidationFraction = 0.1f, Score = AnomalyScore.ReconstructionError, Progress = new SynchronousProgress<EpochProgress>(history.Add),
        }).Fit(data);

        Assert.Equal(passes * 1000L, data.RowsPulled);
        Assert.Equal(3, history.Count);
        Assert.True(history[^1].TrainingLoss < history[0].TrainingLoss, $"losses {string.Join(", ", history.Select(h => h.TrainingLoss))}");
        Assert.Equal(0, data.OpenCursors);
    }

    [Fact]
    public void ACacheCheckpointLetsTheEstimatorsAfterItReadMemoryInsteadOfTheSource()
    {
        long PassesOverSource(bool checkpoint)
        {
            var data = new CountingDataView(1000);
            var normalizer = _ml.Transforms.NormalizeMinMax("Features");
            var detector = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 2, Epochs = 3, ShufflePoolSize = 64, Threshold = 1f, ValidationFraction = 0.1f, Score = AnomalyScore.ReconstructionError,
            });
            using var model = checkpoint ? normalizer.AppendCacheCheckpoint(_ml).Append(detector).Fit(data) : normalizer.Append(detector).Fit(data);
            Assert.Equal(0, data.OpenCursors);
            return data.RowsPulled / 1000;
        }

        Assert.Equal(2, PassesOverSource(checkpoint: true));
        Assert.Equal(1 + 2 + 2 * 3, PassesOverSource(checkpoint: false));
    }
}
