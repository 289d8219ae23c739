using Autoencoders.Data;
using Autoencoders.Transforms;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>
/// How the ranks of a distributed training read a data view: each rank's later passes hold only its
/// shard (the rows at positions rank, rank + world size, ...), padded so every rank's pass is as long.
/// </summary>
public class ShardedReadingTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void PaddingRecutsAPassIntoFixedChunksAndRepeatsItsFirstRows()
    {
        var chunks = new[] { Numbered(0, 3), Numbered(3, 2) };
        var padded = ShardPadding.Pad(chunks, columns: 2, rows: 5, paddedRows: 8, chunkRows: 3).Select(chunk => FirstValues(chunk)).ToArray();

        Assert.Equal([[0, 1, 2], [3, 4, 0], [1, 2]], padded);
    }

    [Fact]
    public void PaddingCyclesAShardShorterThanThePaddingItNeeds()
    {
        var padded = ShardPadding.Pad([Numbered(0, 2)], columns: 2, rows: 2, paddedRows: 7, chunkRows: 4).SelectMany(FirstValues).ToArray();

        Assert.Equal([0, 1, 0, 1, 0, 1, 0], padded);
    }

    [Fact]
    public void PaddingRefusesAPassOfAnotherLengthThanCounted()
    {
        Assert.Throws<InvalidOperationException>(() => ShardPadding.Pad([Numbered(0, 3)], 2, rows: 4, paddedRows: 5, chunkRows: 2).ToList());
        Assert.Throws<InvalidOperationException>(() => ShardPadding.Pad([Numbered(0, 5)], 2, rows: 4, paddedRows: 5, chunkRows: 2).ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardPadding.Pad([Numbered(0, 5)], 2, rows: 6, paddedRows: 5, chunkRows: 2).ToList());
    }

    [Theory]
    [InlineData(50)]
    [InlineData(10_000)]
    public void EachRankReadsOnlyItsShardPaddedToTheLargestAndTheShardsCoverEveryRowOnce(int shufflePoolSize)
    {
        const int rows = 1001, world = 3, batchSize = 8;
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new Row { Features = [i, 1f] }));
        var (allTraining, allValidation) = DataViewFeatureSource.Split(data, "Features", 0.2f, batchSize, seed: 5, shufflePoolSize);
        var trainingPositions = Positions(allTraining.ReadChunks(0));
        var validationPositions = Positions(allValidation!.ReadChunks(0));

        var trained = new List<int>();
        var validated = new List<int>();
        var passLengths = new List<long>();
        var chunkSizes = new List<string>();
        for (var rank = 0; rank < world; rank++)
        {
            var (training, validation) = DataViewFeatureSource.Split(data, "Features", 0.2f, batchSize, seed: 5, shufflePoolSize,
                new DistributedTrainingOptions { Rank = rank, WorldSize = world });
            // The first pass reads and checks every row of the side, on every rank.
            Assert.Equal(trainingPositions, Positions(training.ReadChunks(0)));
            Assert.Equal(validationPositions, Positions(validation!.ReadChunks(0)));

            var shard = trainingPositions.Where(position => position % world == rank).ToHashSet();
            for (var pass = 1; pass <= 2; pass++)
            {
                var chunks = training.ReadChunks(pass).Select(chunk => Positions([chunk])).ToList();
                var read = chunks.SelectMany(positions => positions).ToList();
                Assert.Equal(training.ShardRows, read.Count);
                Assert.All(chunks.SkipLast(1), chunk => Assert.Equal(0, chunk.Count % batchSize));
                Assert.Subset(shard, read.ToHashSet());
                Assert.Equal(shard.Count, read.Distinct().Count());
                passLengths.Add(read.Count);
                chunkSizes.Add(string.Join(",", chunks.Select(chunk => chunk.Count)));
                if (pass == 1) trained.AddRange(read.Distinct());
            }

            var validationRead = Positions(validation.ReadChunks(1));
            Assert.All(validationRead, position => Assert.Equal(rank, position % world));
            validated.AddRange(validationRead);
        }

        Assert.Equal(trainingPositions, trained.Order().ToList());
        Assert.Equal(validationPositions, validated.Order().ToList());
        Assert.Single(passLengths.Distinct());
        Assert.Single(chunkSizes.Distinct());
        Assert.True(passLengths[0] > trainingPositions.Count / world, "the shards of a hashed split differ, so some rank pads");
    }

    [Fact]
    public void TooFewRowsForTheRanksIsAnErrorNamingTheEmptyShard()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 3).Select(i => new Row { Features = [i, 1f] }));
        var (training, _) = DataViewFeatureSource.Split(data, "Features", 0f, 8, seed: 5, 100, new DistributedTrainingOptions { Rank = 0, WorldSize = 4 });

        var error = Assert.Throws<ArgumentException>(() => training.ReadChunks(0).ToList());
        Assert.Contains("3 training rows cannot be shared among 4 ranks: rank 3's shard would have none", error.Message);
    }

    private static FeatureMatrix Numbered(int first, int count) =>
        new(Enumerable.Range(first, count).SelectMany(i => new[] { (float)i, -i }).ToArray(), 2);

    private static int[] FirstValues(FeatureMatrix chunk) => Enumerable.Range(0, chunk.Rows).Select(row => (int)chunk.Row(row)[0]).ToArray();

    private static List<int> Positions(IEnumerable<FeatureMatrix> chunks) => chunks.SelectMany(FirstValues).ToList();

    private sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }
}
