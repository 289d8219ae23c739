namespace Autoencoders.Trainers;

/// <summary>
/// What ML.NET's L-BFGS trainers share: their options and L-BFGS settings, the output schema they
/// promise, and the labelled rows they learn from (rows with a missing feature value left out, as
/// ML.NET does).
/// </summary>
/// <typeparam name="TTransformer">The prediction transformer the trainer returns.</typeparam>
public abstract class LbfgsTrainerBase<TTransformer> : IEstimator<TTransformer>
    where TTransformer : ITransformer
{
    private readonly PredictionKind _kind;

    private protected LbfgsTrainerBase(LbfgsOptionsBase options, PredictionKind kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        Settings = options.Settings();
        TrainerOptions = options;
        _kind = kind;
    }

    /// <summary>The options the trainer was made with.</summary>
    private protected LbfgsOptionsBase TrainerOptions { get; }

    /// <summary>The options' L-BFGS settings, checked.</summary>
    private protected LbfgsSettings Settings { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    /// <inheritdoc />
    public abstract TTransformer Fit(IDataView input);

    /// <summary>The rows of <paramref name="input"/> to learn from, after checking its columns.</summary>
    private protected LabelledRows ReadRows(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        return LabelledRows.Read(input, TrainerOptions.FeatureColumnName, TrainerOptions.LabelColumnName, TrainerOptions.ExampleWeightColumnName, _kind,
            keepRowsWithMissingFeatures: false);
    }

    private DataViewSchema OutputSchema(DataViewSchema inputSchema) =>
        ClassifierOutputs.TrainerOutputSchema(inputSchema, TrainerOptions.FeatureColumnName, TrainerOptions.LabelColumnName, _kind);
}
