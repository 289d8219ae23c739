namespace Autoencoders;

/// <summary>A catalog bound to its context. Operations are added as extension methods, one file per area.</summary>
public abstract class CatalogBase
{
    private protected CatalogBase(MLContext context) => Context = context;

    internal MLContext Context { get; }
}

/// <summary>Column transforms (see the extension methods in this namespace).</summary>
public sealed class TransformsCatalog : CatalogBase
{
    internal TransformsCatalog(MLContext context) : base(context) => Conversion = new ConversionTransforms(context);

    /// <summary>Type conversions: values to keys and back.</summary>
    public ConversionTransforms Conversion { get; }

    /// <summary>The conversion transforms (see <c>MapValueToKey</c> and <c>MapKeyToValue</c>).</summary>
    public sealed class ConversionTransforms : CatalogBase
    {
        internal ConversionTransforms(MLContext context) : base(context) { }
    }
}

/// <summary>The binary classification trainers (see the extension methods in this namespace).</summary>
public sealed class BinaryClassificationTrainers : CatalogBase
{
    internal BinaryClassificationTrainers(MLContext context) : base(context) { }
}

/// <summary>The multiclass classification trainers (see the extension methods in this namespace).</summary>
public sealed class MulticlassClassificationTrainers : CatalogBase
{
    internal MulticlassClassificationTrainers(MLContext context) : base(context) { }
}

/// <summary>The regression trainers (see the extension methods in this namespace).</summary>
public sealed class RegressionTrainers : CatalogBase
{
    internal RegressionTrainers(MLContext context) : base(context) { }
}

/// <summary>Binary classification: trainers and evaluation.</summary>
public sealed class BinaryClassificationCatalog : CatalogBase
{
    internal BinaryClassificationCatalog(MLContext context) : base(context) => Trainers = new BinaryClassificationTrainers(context);

    /// <summary>The binary classification trainers.</summary>
    public BinaryClassificationTrainers Trainers { get; }
}

/// <summary>Multiclass classification: trainers and evaluation.</summary>
public sealed class MulticlassClassificationCatalog : CatalogBase
{
    internal MulticlassClassificationCatalog(MLContext context) : base(context) => Trainers = new MulticlassClassificationTrainers(context);

    /// <summary>The multiclass classification trainers.</summary>
    public MulticlassClassificationTrainers Trainers { get; }
}

/// <summary>Regression: trainers and evaluation.</summary>
public sealed class RegressionCatalog : CatalogBase
{
    internal RegressionCatalog(MLContext context) : base(context) => Trainers = new RegressionTrainers(context);

    /// <summary>The regression trainers.</summary>
    public RegressionTrainers Trainers { get; }
}

/// <summary>Anomaly detection: trainers, evaluation and threshold changes.</summary>
public sealed class AnomalyDetectionCatalog : CatalogBase
{
    internal AnomalyDetectionCatalog(MLContext context) : base(context) => Trainers = new AnomalyDetectionTrainers(context);

    /// <summary>The anomaly detection trainers.</summary>
    public AnomalyDetectionTrainers Trainers { get; }
}

/// <summary>The anomaly detection trainers (see the extension methods in this namespace).</summary>
public sealed class AnomalyDetectionTrainers : CatalogBase
{
    internal AnomalyDetectionTrainers(MLContext context) : base(context) { }
}
