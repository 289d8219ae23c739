namespace Autoencoders.Trainers;

/// <summary>
/// The settings every L-BFGS trainer shares, named as ML.NET's. The objective is (the rows'
/// weighted losses + <see cref="L2Regularization"/> / 2 |W|²) / the rows' weight sum +
/// <see cref="L1Regularization"/> / rows |W|₁; the biases are not regularized.
/// </summary>
public abstract class LbfgsOptionsBase
{
    /// <summary>The label column. Defaults to "Label".</summary>
    public string LabelColumnName { get; set; } = AutoencoderDefaults.LabelColumnName;

    /// <summary>The Single or vector feature column. Defaults to "Features".</summary>
    public string FeatureColumnName { get; set; } = AutoencoderDefaults.FeatureColumnName;

    /// <summary>A Single column of non-negative row weights, or null (every row weighs 1). Defaults to null.</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>The L2 regularization weight, 0 or more. Defaults to 1.</summary>
    public float L2Regularization { get; set; } = 1f;

    /// <summary>The L1 regularization weight, 0 or more; above 0, many weights end at exactly zero. Defaults to 1.</summary>
    public float L1Regularization { get; set; } = 1f;

    /// <summary>Stops when the objective's improvement, averaged over the last 5 iterations, is at most this share of its value. Defaults to 1e-7.</summary>
    public float OptimizationTolerance { get; set; } = 1e-7f;

    /// <summary>The past steps L-BFGS remembers to estimate the Hessian. Defaults to 20.</summary>
    public int HistorySize { get; set; } = 20;

    /// <summary>The most iterations. Defaults to int.MaxValue (until the tolerance is met).</summary>
    public int MaximumNumberOfIterations { get; set; } = int.MaxValue;

    /// <summary>Whether the weights are kept at or above zero. Defaults to false.</summary>
    public bool EnforceNonNegativity { get; set; }

    /// <summary>The optimizer's settings, checked.</summary>
    internal LbfgsSettings Settings()
    {
        SchemaRequirements.RequireName(LabelColumnName, nameof(LabelColumnName));
        SchemaRequirements.RequireName(FeatureColumnName, nameof(FeatureColumnName));
        var settings = new LbfgsSettings(L1Regularization, L2Regularization, OptimizationTolerance, HistorySize, MaximumNumberOfIterations, EnforceNonNegativity);
        settings.Validate();
        return settings;
    }
}
