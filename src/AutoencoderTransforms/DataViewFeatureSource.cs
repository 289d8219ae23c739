using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// A feature column of an ML.NET data view as training rows read pass by pass, so that data larger
/// than memory trains: one side of a validation split decided by a seeded hash of each row's id, the
/// training side reshuffled every epoch by ML.NET's <c>ShuffleRows</c> (a pool of
/// <see cref="AutoencoderOptions.ShufflePoolSize"/> rows). The first pass reads the column in order
/// and checks every value, so that an error names the row's position in the data. A side of no more
/// rows than the pool holds is kept from that pass, and every epoch trains on it in memory,
/// shuffled whole by the engine. In a distributed training every pass after the first reads only
/// this rank's shard of the rows (<see cref="RankShardDataView"/>); the first pass still reads and
/// checks them all, counting every rank's shard, and so does a later first pass (the detector's
/// scores of all training rows).
/// </summary>
internal sealed class DataViewFeatureSource : IShardedFeatureSource
{
    private readonly IDataView _input;
    private readonly float _validationFraction;
    private readonly bool _validationSide;
    private readonly ulong _splitKey;
    private readonly int _chunkRows;
    private readonly int? _shuffleSeed;
    private readonly int _poolRows;
    private readonly long[] _shardRows;
    private FeatureMatrix? _kept;
    private bool _checked;

    private DataViewFeatureSource(IDataView input, string column, int width, float validationFraction, bool validationSide, ulong splitKey, int chunkRows,
        int? shuffleSeed, int poolRows, (int Rank, int WorldSize) shard)
    {
        (_input, Name, Columns, _validationFraction, _validationSide, _splitKey, _chunkRows, _shuffleSeed, _poolRows, Shard) =
            (input, column, width, validationFraction, validationSide, splitKey, chunkRows, shuffleSeed, poolRows, shard);
        _shardRows = new long[shard.WorldSize];
    }

    /// <summary>The training and (when <paramref name="validationFraction"/> is above 0) validation rows of <paramref name="column"/>.</summary>
    public static (DataViewFeatureSource Training, DataViewFeatureSource? Validation) Split(IDataView input, string column, int width, float validationFraction,
        int batchSize, int seed, int poolRows, DistributedTrainingOptions? distributed)
    {
        if (!(validationFraction >= 0f && validationFraction < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(AutoencoderOptions.ValidationFraction), validationFraction,
                $"{nameof(AutoencoderOptions.ValidationFraction)} must be in [0, 1) (it is {validationFraction}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(poolRows, 1, nameof(AutoencoderOptions.ShufflePoolSize));
        var chunkRows = IFeatureSource.ChunkRows(batchSize);
        var key = (ulong)(uint)seed;
        var shard = distributed is { IsDistributed: true } ? (distributed.Rank, distributed.WorldSize) : (0, 1);
        var training = new DataViewFeatureSource(input, column, width, validationFraction, false, key, chunkRows, seed, poolRows, shard);
        var validation = validationFraction > 0f ? new DataViewFeatureSource(input, column, width, validationFraction, true, key, chunkRows, null, poolRows, shard) : null;
        return (training, validation);
    }

    /// <inheritdoc />
    public int Columns { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public (int Rank, int WorldSize) Shard { get; }

    /// <inheritdoc />
    public IReadOnlyList<long> ShardRows => _checked ? _shardRows : throw new InvalidOperationException("The shards are counted by the first pass.");

    private bool IsSharded => Shard.WorldSize > 1;

    /// <inheritdoc />
    /// <remarks>
    /// Pass 0 checks the rows the first time only; a later pass 0 (the detector scoring its training
    /// rows) reads them all in order again, from memory where they were kept. Passes after it read
    /// this rank's shard in a distributed training.
    /// </remarks>
    public IEnumerable<FeatureMatrix> ReadChunks(int pass)
    {
        if (pass == 0 && !_checked)
        {
            return CheckedPass();
        }

        if (_kept is not null && (pass > 0 || !IsSharded))
        {
            return [_kept];
        }

        var rows = pass > 0 && IsSharded ? new RankShardDataView(_input, Shard.Rank, Shard.WorldSize) : _input;
        var view = pass > 0 && _shuffleSeed is { } seed ? new MLContext(unchecked(seed + pass)).Data.ShuffleRows(rows, unchecked(seed + pass), _poolRows) : rows;
        return Read(view, check: false);
    }

    /// <summary>
    /// Reads every row in order, checking each value and counting every rank's shard of this side,
    /// and keeps this side (this rank's shard of it) when the pool would hold it.
    /// </summary>
    private IEnumerable<FeatureMatrix> CheckedPass()
    {
        _kept = null;
        Array.Clear(_shardRows);
        var kept = new List<float>();
        var keeping = true;
        var otherSide = 0L;
        var thisSide = 0L;
        var positions = new List<long>();
        foreach (var chunk in Read(_input, check: true, countOtherSide: () => otherSide++, positions))
        {
            thisSide += chunk.Rows;
            for (var row = 0; row < chunk.Rows; row++)
            {
                var shard = (int)(positions[row] % Shard.WorldSize);
                _shardRows[shard]++;
                if (keeping && shard == Shard.Rank)
                {
                    kept.AddRange(chunk.Row(row));
                }
            }

            keeping = keeping && _shardRows[Shard.Rank] <= _poolRows;
            kept = keeping ? kept : [];
            positions.Clear();
            yield return chunk;
        }

        if (thisSide + otherSide == 0)
        {
            throw new ArgumentException($"The data has no rows to train on in column '{Name}'.", "input");
        }

        if (_validationFraction > 0f && (thisSide == 0 || otherSide == 0))
        {
            var (validation, training) = _validationSide ? (thisSide, otherSide) : (otherSide, thisSide);
            throw new ArgumentException(
                $"{nameof(AutoencoderOptions.ValidationFraction)} {_validationFraction} of {thisSide + otherSide} rows leaves {validation} validation and {training} training rows; both need at least one (or set it to 0).",
                nameof(AutoencoderOptions.ValidationFraction));
        }

        if (keeping)
        {
            _kept = new FeatureMatrix(kept.ToArray(), Columns, checkedAllowingMissing: false);
        }

        _checked = true;
    }

    /// <summary>
    /// This side's rows of <paramref name="view"/> in chunks; with <paramref name="check"/>, an error
    /// naming the position of the first value that is not finite. <paramref name="positions"/>, when
    /// given, receives each row's position in the view as its chunk is read.
    /// </summary>
    private IEnumerable<FeatureMatrix> Read(IDataView view, bool check, Action? countOtherSide = null, List<long>? positions = null)
    {
        var column = view.Schema[Name];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var ids = cursor.GetIdGetter();
        var buffer = default(VBuffer<float>);
        var id = default(DataViewRowId);
        var values = new float[_chunkRows * Columns];
        var rows = 0;
        while (cursor.MoveNext())
        {
            ids(ref id);
            if (!OnThisSide(id))
            {
                countOtherSide?.Invoke();
                continue;
            }

            getter(ref buffer);
            positions?.Add(cursor.Position);
            var row = values.AsSpan(rows * Columns, Columns);
            buffer.CopyTo(row);
            if (check)
            {
                FeatureMatrix.EnsureFinite(row, Columns, Name, cursor.Position);
            }

            if (++rows == _chunkRows)
            {
                yield return new FeatureMatrix(values, Columns, checkedAllowingMissing: check ? false : null);
                values = new float[_chunkRows * Columns];
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return new FeatureMatrix(values.AsMemory(0, rows * Columns), Columns, checkedAllowingMissing: check ? false : null);
        }
    }

    /// <summary>Whether the row of <paramref name="id"/> is on this side of the split: a seeded hash of the id, compared with the fraction.</summary>
    private bool OnThisSide(DataViewRowId id)
    {
        if (_validationFraction == 0f)
        {
            return !_validationSide;
        }

        var hash = Mix(Mix(id.Low ^ _splitKey) ^ id.High);
        return ((hash >> 11) * (1.0 / (1UL << 53)) < _validationFraction) == _validationSide;
    }

    /// <summary>SplitMix64's finalizer: every bit of the input moves every bit of the output.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
