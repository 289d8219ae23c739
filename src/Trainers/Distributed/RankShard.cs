namespace Autoencoders.Trainers;

/// <summary>
/// One rank's share of a source's rows, as that rank trains or validates on it: the rows of a
/// source that shards itself (<see cref="IShardedFeatureSource"/>), or else positions rank,
/// rank + N, ... of each pass, dealt by the engine from all rows. Training shares are padded to the
/// largest rank's, by repeating the pass's first rows, so that every rank takes as many steps.
/// </summary>
internal sealed class RankShard : IFeatureSource
{
    private readonly IFeatureSource _source;
    private readonly bool _dealt;
    private readonly int _rank;
    private readonly int _worldSize;
    private readonly long _ownRows;
    private readonly int _chunkRows;
    private FeatureMatrix? _inMemory;

    private RankShard(IFeatureSource source, bool dealt, int rank, int worldSize, long ownRows, long rows, int chunkRows)
    {
        (_source, _dealt, _rank, _worldSize, _ownRows, Rows, _chunkRows) = (source, dealt, rank, worldSize, ownRows, rows, chunkRows);
    }

    /// <summary>
    /// This rank's share of <paramref name="source"/>, whose first pass gave <paramref name="rows"/>
    /// rows; with <paramref name="padded"/>, as long as the largest rank's share.
    /// </summary>
    /// <exception cref="ArgumentException">The source reads another rank's shard, or a padded share would have no row to repeat.</exception>
    public static RankShard Of(IFeatureSource source, long rows, RankGroup group, bool padded, int batchSize)
    {
        long[] shardRows;
        var dealt = source is not IShardedFeatureSource;
        if (source is IShardedFeatureSource sharded)
        {
            if (sharded.Shard != (group.Rank, group.WorldSize))
            {
                throw new ArgumentException(
                    $"The rows of '{source.Name}' are read as shard {sharded.Shard.Rank} of {sharded.Shard.WorldSize}, but this is rank {group.Rank} of {group.WorldSize}.");
            }

            shardRows = [.. sharded.ShardRows];
        }
        else
        {
            shardRows = Enumerable.Range(0, group.WorldSize).Select(rank => Math.Max(0, (rows - rank + group.WorldSize - 1) / group.WorldSize)).ToArray();
        }

        var ownRows = shardRows[group.Rank];
        if (padded && shardRows.Min() == 0)
        {
            throw new ArgumentException(
                $"'{source.Name}' has {rows} training rows, too few for {group.WorldSize} ranks to have one each: use fewer ranks or more rows.");
        }

        // A matrix in memory stays one chunk, so that the engine shuffles the whole share each epoch.
        var chunkRows = source is FeatureMatrix ? (int)shardRows.Max() : IFeatureSource.ChunkRows(batchSize);
        return new RankShard(source, dealt, group.Rank, group.WorldSize, ownRows, padded ? shardRows.Max() : ownRows, chunkRows);
    }

    /// <summary>The rows each pass gives this rank, padding included.</summary>
    public long Rows { get; }

    /// <inheritdoc />
    public int Columns => _source.Columns;

    /// <inheritdoc />
    public string Name => _source.Name;

    /// <inheritdoc />
    public IEnumerable<FeatureMatrix> ReadChunks(int pass)
    {
        if (_inMemory is not null)
        {
            return [_inMemory];
        }

        var own = _dealt ? Deal(_source.ReadChunks(pass)) : _source.ReadChunks(pass);
        var chunks = Rows == _ownRows ? own : ShardPadding.Pad(own, Columns, _ownRows, Rows, _chunkRows);
        if (_source is FeatureMatrix)
        {
            _inMemory = Copy(chunks);
            return [_inMemory];
        }

        return chunks;
    }

    /// <summary>The rows of this rank's positions in a pass, in chunks; each chunk is valid until the next one is read.</summary>
    private IEnumerable<FeatureMatrix> Deal(IEnumerable<FeatureMatrix> chunks)
    {
        var buffer = new float[checked(_chunkRows * Columns)];
        var filled = 0;
        long position = 0;
        foreach (var chunk in chunks)
        {
            for (var row = 0; row < chunk.Rows; row++, position++)
            {
                if (position % _worldSize != _rank)
                {
                    continue;
                }

                chunk.Row(row).CopyTo(buffer.AsSpan(filled * Columns, Columns));
                if (++filled == _chunkRows)
                {
                    yield return new FeatureMatrix(buffer, Columns, checkedAllowingMissing: false);
                    filled = 0;
                }
            }
        }

        if (filled > 0)
        {
            yield return new FeatureMatrix(buffer.AsMemory(0, filled * Columns), Columns, checkedAllowingMissing: false);
        }
    }

    private FeatureMatrix Copy(IEnumerable<FeatureMatrix> chunks)
    {
        var values = new List<float>(checked((int)(Rows * Columns)));
        foreach (var chunk in chunks)
        {
            values.AddRange(chunk.Values);
        }

        return new FeatureMatrix(values.ToArray(), Columns, checkedAllowingMissing: false);
    }
}
