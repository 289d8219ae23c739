namespace Autoencoders.Transforms;

/// <summary>
/// A feature column as training rows read pass by pass: one side of a validation split decided by a
/// seeded hash of each row's position, the training side reshuffled every epoch. The first pass
/// reads the whole column in order and checks every value, so that an error names the row's
/// position in the data. When this side has no more rows than the shuffle pool would hold, the
/// first pass keeps them, and every epoch trains on them in memory, shuffled whole by the engine;
/// otherwise later passes stream this side's rows, in blocks of whole batches, through the pool.
/// </summary>
internal sealed class DataViewFeatureSource : IFeatureSource
{
    private readonly IDataView _input;
    private readonly Func<long, bool>? _isValidation;
    private readonly bool _validationSide;
    private readonly int _chunkRows;
    private readonly (int Seed, int PoolRows)? _shuffle;
    private readonly string _fraction;
    private readonly int _keepLimit;
    private FeatureMatrix? _kept;

    private DataViewFeatureSource(IDataView input, string columnName, int width, Func<long, bool>? isValidation, bool validationSide,
        int chunkRows, (int Seed, int PoolRows)? shuffle, int shufflePoolRows, string fraction)
    {
        (_input, Name, Columns, _isValidation, _validationSide, _chunkRows, _shuffle, _fraction) =
            (input, columnName, width, isValidation, validationSide, chunkRows, shuffle, fraction);
        View = isValidation is null ? input : new SelectedRowsDataView(input, [], (block, row) => isValidation(block.Position + row) == validationSide);
        _keepLimit = shuffle?.PoolRows ?? shufflePoolRows;
    }

    /// <summary>The training and (when <paramref name="validationFraction"/> is above 0) validation rows of <paramref name="columnName"/>.</summary>
    public static (DataViewFeatureSource Training, DataViewFeatureSource? Validation) Split(
        IDataView input, string columnName, float validationFraction, int batchSize, int seed, int shufflePoolSize)
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
        var training = new DataViewFeatureSource(input, columnName, width, isValidation, false, chunkRows, (seed, shufflePoolSize), shufflePoolSize, fraction);
        var validation = isValidation is null ? null : new DataViewFeatureSource(input, columnName, width, isValidation, true, chunkRows, null, shufflePoolSize, fraction);
        return (training, validation);
    }

    /// <summary>All rows of <paramref name="columnName"/>, for a single checked pass (no split, no shuffle, nothing kept).</summary>
    public static DataViewFeatureSource Whole(IDataView input, string columnName) =>
        new(input, columnName, SchemaRequirements.RequireFeatureColumn(input.Schema, columnName), null, false,
            DataViewBlockCursor.DefaultBlockRows, null, 0, "0");

    public int Columns { get; }

    public string Name { get; }

    /// <summary>This side's rows as a view (the input itself when there is no split).</summary>
    public IDataView View { get; }

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

        var ordered = _shuffle is { } shuffle ? new ShuffledDataView(View, unchecked(shuffle.Seed + pass), shuffle.PoolRows) : View;
        return DataViewReading.Blocks(ordered, [ordered.Schema[Name]], _chunkRows)
            .Select(block => new FeatureMatrix(block.GetValues<float>(block.Schema[Name]), Columns));
    }

    private IEnumerable<FeatureMatrix> CheckedPass()
    {
        _kept = null;
        var kept = new List<float>();
        long thisSide = 0, otherSide = 0;
        foreach (var block in DataViewReading.Blocks(_input, [_input.Schema[Name]], _chunkRows))
        {
            var values = SchemaRequirements.BlockFeatures(block, Name);
            var start = kept.Count;
            for (var row = 0; row < block.RowCount; row++)
            {
                if (_isValidation is null || _isValidation(block.Position + row) == _validationSide)
                {
                    kept.AddRange(values.Row(row));
                    thisSide++;
                }
                else
                {
                    otherSide++;
                }
            }

            yield return new FeatureMatrix(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept)[start..].ToArray(), Columns, checkedAllowingMissing: false);
            if (thisSide > _keepLimit)
            {
                kept.Clear();
            }
        }

        if (thisSide <= _keepLimit && thisSide > 0)
        {
            _kept = new FeatureMatrix(kept.ToArray(), Columns, checkedAllowingMissing: false);
        }

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
    }
}
