namespace Autoencoders;

/// <summary>
/// The entry point, as in ML.NET: catalogs of data operations, transforms, trainers, evaluators and
/// model operations. Its seed flows to every component created through it: each catalog call that
/// needs randomness draws its own seed from the context's sequence, so a pipeline built in the
/// same order from a context with the same seed gives the same results.
/// </summary>
public sealed class MLContext
{
    private readonly Random _seeds;
    private readonly object _seedsLock = new();

    /// <summary>Creates a context.</summary>
    /// <param name="seed">Seeds every component; null draws a different seed each run.</param>
    public MLContext(int? seed = null)
    {
        Seed = seed;
        _seeds = seed is { } value ? new Random(value) : new Random();
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
        AnomalyDetection = new AnomalyDetectionCatalog(this);
        BinaryClassification = new BinaryClassificationCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        Regression = new RegressionCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    /// <summary>The user components (custom-mapping factories) that saved models may name.</summary>
    public ComponentCatalog ComponentCatalog { get; } = new();

    /// <summary>The seed given at construction, or null.</summary>
    public int? Seed { get; }

    /// <summary>Loading, splitting, shuffling and filtering data.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Column transforms: concatenation, normalization, autoencoder featurizers.</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Anomaly detection trainers and evaluation.</summary>
    public AnomalyDetectionCatalog AnomalyDetection { get; }

    /// <summary>Binary classification trainers and evaluation.</summary>
    public BinaryClassificationCatalog BinaryClassification { get; }

    /// <summary>Multiclass classification trainers and evaluation.</summary>
    public MulticlassClassificationCatalog MulticlassClassification { get; }

    /// <summary>Regression trainers and evaluation.</summary>
    public RegressionCatalog Regression { get; }

    /// <summary>Saving, loading and single-row prediction.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>Messages from the components made through this context (e.g. images skipped while loading), as ML.NET's.</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>Sends a message to <see cref="Log"/>'s handlers, if any.</summary>
    internal void WriteLog(string source, ChannelMessageKind kind, string message) => Log?.Invoke(this, new LoggingEventArgs(message, kind, source));

    /// <summary>The next seed of this context's sequence, for a component that was given none.</summary>
    internal int NextSeed()
    {
        lock (_seedsLock)
        {
            return _seeds.Next();
        }
    }
}
