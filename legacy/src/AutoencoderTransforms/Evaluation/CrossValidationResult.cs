namespace Autoencoders;

/// <summary>One fold of a cross-validation, as ML.NET's <c>CrossValidationResult&lt;TMetrics&gt;</c>.</summary>
/// <typeparam name="TMetrics">The evaluation's metrics type.</typeparam>
public sealed class CrossValidationResult<TMetrics>
    where TMetrics : class
{
    internal CrossValidationResult(ITransformer model, TMetrics metrics, IDataView scoredHoldOutSet, int fold) =>
        (Model, Metrics, ScoredHoldOutSet, Fold) = (model, metrics, scoredHoldOutSet, fold);

    /// <summary>The model trained on every fold but this one.</summary>
    public ITransformer Model { get; }

    /// <summary>The metrics of <see cref="Model"/> on this fold's rows.</summary>
    public TMetrics Metrics { get; }

    /// <summary>This fold's rows, scored by <see cref="Model"/>.</summary>
    public IDataView ScoredHoldOutSet { get; }

    /// <summary>The fold's number, from 0.</summary>
    public int Fold { get; }
}
