namespace Autoencoders.Transforms;

/// <summary>
/// A feature column as training rows read pass by pass: one side of a validation split decided by a
/// seeded hash of each row's position, the training side reshuffled every epoch. The first pass
/// reads the whole column in order and checks every value, so that an error names the row's
/// position in the data. When this side has no more rows than the shuffle pool would hold, the
/// first pass keeps them, and every epoch trains on them in memory, shuffled whole by the engine;
/// otherwise later passes stream this side's rows, in blocks of whole batches, through the pool.
/// In a distributed training every later pass reads only this rank's shard: the rows at positions
/// rank, rank + world size, rank + 2 x world size, ... (how PyTorch's DistributedSampler deals rows
/// when it does not shuffle); the first pass counts every rank's shard so that a training side's
/// passes can be padded to the largest, and rows of the other shards never reach the pool, a chunk
/// or the engine.
/// </summary>
internal sealed class DataViewFeatureSource : IShardedFeatureSource
{
    private readonly IDataView _input;
    private readonly Func<long, bool>? _isValidation;
    private readonly bool _validationSide;
    private readonly int _chunkRows;
    private readonly (int Seed, int PoolRows)? _shuffle;
    private readonly string _fraction;
    private readonly int _keepLimit;
    private readonly IDataView _shardView;
    private FeatureMatrix? _kept;
    private long[]? _shardSizes;

    private DataViewFeatureSource(IDataView input, string columnName, int width, Func<long, bool>? isValidation, bool validationSide,
        int chunkRows, (int Seed, int PoolRows)? shuffle, int shufflePoolRows, string fraction, (int Rank, int WorldSize) shard)
    {
        (_input, Name, Columns, _isValidation, _validationSide, _chunkRows, _shuffle, _fraction, Shard) =
            (input, columnName, width, isValidation, validationSide, chunkRows, shuffle, fraction, shard);
        View = isValidation is null ? input : new SelectedRowsDataView(input, [], (block, row) => OnThisSide(block.Position + row));
        _shardView = shard.WorldSize == 1 ? View
            : new SelectedRowsDataView(input, [], (block, row) => OnThisSide(block.Position + row) && InThisShard(block.Position + row));
        _keepLimit = shuffle?.PoolRows ?? shufflePoolRows;
    }

    /// <summary>
    /// The training and (when <paramref name="validationFraction"/> is above 0) validation rows of
    /// <paramref name="columnName"/>; in a distributed training (<paramref name="distributed"/> not null), this rank's shard of each.
    /// </summary>
    public static (DataViewFeatureSource Training, DataViewFeatureSource? Validation) Split(
        IDataView input, string columnName, float validationFraction, int batchSize, int seed, int shufflePoolSize, DistributedTrainingOptions? distributed = null)
    {
        if (!(validationFraction >= 0f && validationFraction < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(AutoencoderOptions.ValidationFraction), validationFraction,
                $"{nameof(AutoencoderOptions.ValidationFraction)} must be in [0, 1) (it is {validationFraction}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(shufflePoolSize, 1, nameof(AutoencoderOptions.ShufflePoolSize));
        var width = SchemaRequirements.RequireFeatureColumn(input.Schema, columnName);
        var chunkRows = IFeatureSource.ChunkRows(batchSize);
        var key = (ulong)(uint)seed;
        Func<long, bool>? isValidation = validationFraction > 0f ? position => RowHash.Unit(key, position) < validationFraction : null;
        var fraction = validationFraction.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shard = distributed is null ? (0, 1) : (distributed.Rank, distributed.WorldSize);
        var training = new DataViewFeatureSource(input, columnName, width, isValidation, false, chunkRows, (seed, shufflePoolSize), shufflePoolSize, fraction, shard);
        var validation = isValidation is null ? null : new DataViewFeatureSource(input, columnName, width, isValidation, true, chunkRows, null, shufflePoolSize, fraction, shard);
        return (training, validation);
    }

    /// <summary>All rows of <paramref name="columnName"/>, for a single checked pass (no split, no shuffle, nothing kept).</summary>
    public static DataViewFeatureSource Whole(IDataView input, string columnName) =>
        new(input, columnName, SchemaRequirements.RequireFeatureColumn(input.Schema, columnName), null, false,
            DataViewBlockCursor.DefaultBlockRows, null, 0, "0", (0, 1));

    public int Columns { get; }

    public string Name { get; }

    /// <summary>This side's rows as a view (the input itself when there is no split), every shard's.</summary>
    public IDataView View { get; }

    public (int Rank, int WorldSize) Shard { get; }

    /// <summary>
    /// Rows each later pass gives: this shard's, or for the training side of a distributed training
    /// the largest shard's, which the others pad up to.
    /// </summary>
    public long ShardRows => _shardSizes is { } sizes
        ? IsPadded ? sizes.Max() : sizes[Shard.Rank]
        : throw new InvalidOperationException("The shards are counted by the first pass, which has not been read.");

    /// <summary>The training side of a distributed training: its passes are padded to the largest shard, so every rank takes as many steps.</summary>
    private bool IsPadded => _shuffle is not null && Shard.WorldSize > 1;

    private bool OnThisSide(long position) => _isValidation is null || _isValidation(position) == _validationSide;

    private bool InThisShard(long position) => position % Shard.WorldSize == Shard.Rank;

    public IEnumerable<FeatureMatrix> ReadChunks(int pass)
    {
        if (pass == 0)
        {
            return CheckedPass();
        }

        if (_kept is not null)
        {
            return [_kept];
        }

        var ordered = _shuffle is { } shuffle ? new ShuffledDataView(_shardView, unchecked(shuffle.Seed + pass), shuffle.PoolRows) : _shardView;
        var chunks = DataViewReading.Blocks(ordered, [ordered.Schema[Name]], _chunkRows)
            .Select(block => new FeatureMatrix(block.GetValues<float>(block.Schema[Name]), Columns));
        return IsPadded ? ShardPadding.Pad(chunks, Columns, _shardSizes![Shard.Rank], ShardRows, _chunkRows) : chunks;
    }

    private IEnumerable<FeatureMatrix> CheckedPass()
    {
        _kept = null;
        _shardSizes = null;
        var shardSizes = new long[Shard.WorldSize];
        var kept = new List<float>();
        var keeping = true;
        var side = new List<float>();
        var wholeBlocks = _isValidation is null;
        long otherSide = 0;
        foreach (var block in DataViewReading.Blocks(_input, [_input.Schema[Name]], _chunkRows))
        {
            var values = SchemaRequirements.BlockFeatures(block, Name);
            side.Clear();
            for (var row = 0; row < block.RowCount; row++)
            {
                var position = block.Position + row;
                if (!OnThisSide(position))
                {
                    otherSide++;
                    continue;
                }

                if (!wholeBlocks)
                {
                    side.AddRange(values.Row(row));
                }

                shardSizes[position % Shard.WorldSize]++;
                if (keeping && InThisShard(position))
                {
                    kept.AddRange(values.Row(row));
                }
            }

            yield return wholeBlocks ? values : new FeatureMatrix(side.ToArray(), Columns, checkedAllowingMissing: false);
            if (keeping && shardSizes[Shard.Rank] > _keepLimit)
            {
                (keeping, kept) = (false, []);
            }
        }

        var thisSide = shardSizes.Sum();
        if (thisSide + otherSide == 0)
        {
            throw new ArgumentException($"Column '{Name}' has no rows to train on.", "input");
        }

        if (_isValidation is not null && (thisSide == 0 || otherSide == 0))
        {
            var (validation, training) = _validationSide ? (thisSide, otherSide) : (otherSide, thisSide);
            throw new ArgumentException(
                $"{nameof(AutoencoderOptions.ValidationFraction)} {_fraction} of {thisSide + otherSide} rows leaves {validation} validation and {training} training rows; both need at least one (or set it to 0).",
                nameof(AutoencoderOptions.ValidationFraction));
        }

        if (IsPadded && Array.IndexOf(shardSizes, 0L) is var empty and >= 0)
        {
            throw new ArgumentException(
                $"{thisSide} training rows cannot be shared among {Shard.WorldSize} ranks: rank {empty}'s shard would have none.", "input");
        }

        _shardSizes = shardSizes;
        var own = shardSizes[Shard.Rank];
        if (own <= _keepLimit && own > 0)
        {
            var ownRows = new FeatureMatrix(kept.ToArray(), Columns, checkedAllowingMissing: false);
            _kept = IsPadded ? ShardPadding.Pad([ownRows], Columns, own, ShardRows, chunkRows: (int)ShardRows).Single() : ownRows;
        }
    }
}
