namespace Autoencoders.Trainers;

/// <summary>
/// ML.NET's PCA anomaly detector: fits the top <see cref="Options.Rank"/> principal components of
/// the feature column by randomized SVD (two passes over the rows) and scores each row by the share
/// of its distance from the mean that the components do not explain (see <see cref="PcaModelParameters"/>).
/// As in ML.NET, rows scoring above 0.5 are predicted anomalies; move that with
/// <c>ml.AnomalyDetection.ChangeModelThreshold</c>.
/// </summary>
public sealed class RandomizedPcaTrainer : IEstimator<AnomalyPredictionTransformer<PcaModelParameters>>
{
    /// <summary>The threshold a fitted detector starts with, as ML.NET's.</summary>
    public const float DefaultThreshold = 0.5f;

    private readonly Options _options;
    private readonly int _seed;

    internal RandomizedPcaTrainer(MLContext context, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SchemaRequirements.RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        if (options.ExampleWeightColumnName is not null)
        {
            throw new NotSupportedException(
                $"{nameof(Options.ExampleWeightColumnName)} '{options.ExampleWeightColumnName}': weighted rows are not supported; leave it null (every row weighs 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rank, 1, nameof(Options.Rank));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Oversampling, nameof(Options.Oversampling));
        _options = options;
        _seed = options.Seed ?? context.NextSeed();
    }

    /// <summary>The settings of <see cref="RandomizedPcaTrainer"/>, named as ML.NET's.</summary>
    public sealed class Options
    {
        /// <summary>The Single or vector column of (normalized) features. Defaults to "Features".</summary>
        public string FeatureColumnName { get; set; } = AutoencoderDefaults.FeatureColumnName;

        /// <summary>A column of row weights. Must be null: weighted rows are not supported.</summary>
        public string? ExampleWeightColumnName { get; set; }

        /// <summary>The number of components; at most the feature width. Defaults to 20.</summary>
        public int Rank { get; set; } = 20;

        /// <summary>Extra random directions searched beyond the rank (more is more exact; rank + oversampling at or above the width is exact). Defaults to 20.</summary>
        public int Oversampling { get; set; } = 20;

        /// <summary>Whether rows are centered on their mean before the components are fitted. Defaults to true.</summary>
        public bool EnsureZeroMean { get; set; } = true;

        /// <summary>Seeds the random directions. Defaults to null: the context's next seed.</summary>
        public int? Seed { get; set; }
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) =>
        inputSchema.With(AnomalyPredictionTransformer.OutputColumns(RequireRankFits(inputSchema), null, null, null));

    private int RequireRankFits(DataViewSchema inputSchema)
    {
        var width = SchemaRequirements.RequireFeatureColumn(inputSchema, _options.FeatureColumnName);
        if (_options.Rank > width)
        {
            throw new ArgumentOutOfRangeException(nameof(Options.Rank), _options.Rank,
                $"{nameof(Options.Rank)} {_options.Rank} exceeds the {width} values of column '{_options.FeatureColumnName}'.");
        }

        return width;
    }

    /// <inheritdoc />
    public AnomalyPredictionTransformer<PcaModelParameters> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireRankFits(input.Schema);
        var components = PrincipalComponents.FitRandomized(DataViewFeatureSource.Whole(input, _options.FeatureColumnName),
            _options.Rank, _options.Oversampling, _options.EnsureZeroMean, _seed);
        return new AnomalyPredictionTransformer<PcaModelParameters>(new PcaModelParameters(components, _options.EnsureZeroMean), _options.FeatureColumnName, DefaultThreshold);
    }
}
