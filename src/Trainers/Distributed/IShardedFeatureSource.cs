namespace Autoencoders.Trainers;

/// <summary>
/// A source that, in a distributed training, reads only one rank's shard of its rows: its first
/// pass reads and checks every row (so that all ranks agree on the data's size and range, and an
/// error names the row's place in the data) and counts every rank's shard; every later pass gives
/// only this rank's rows. Training pads them to the largest shard, so every rank takes the same
/// number of steps. Sources that cannot shard themselves are dealt by the engine: every rank reads
/// all rows and keeps its share.
/// </summary>
internal interface IShardedFeatureSource : IFeatureSource
{
    /// <summary>Which shard this source reads: this rank's, of how many.</summary>
    (int Rank, int WorldSize) Shard { get; }

    /// <summary>The rows of every rank's shard, by rank; known once the first pass has been read.</summary>
    IReadOnlyList<long> ShardRows { get; }
}
