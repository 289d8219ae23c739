namespace Autoencoders.Trainers.XGBoost;

/// <summary>Boosting settings; names follow ML.NET's FastTree where they match. Defaults are XGBoost's own.</summary>
public class XGBoostParameters
{
    /// <summary>Boosting rounds (trees per output). Defaults to 100.</summary>
    public int NumberOfTrees { get; set; } = 100;

    /// <summary>Shrinkage of each tree (XGBoost's eta), in (0, 1]. Defaults to 0.3.</summary>
    public float LearningRate { get; set; } = 0.3f;

    /// <summary>Maximum tree depth. Defaults to 6.</summary>
    public int MaximumDepth { get; set; } = 6;

    /// <summary>Minimum sum of instance weight (hessian) in a leaf (XGBoost's min_child_weight). Defaults to 1.</summary>
    public float MinimumChildWeight { get; set; } = 1f;

    /// <summary>L2 regularization of leaf weights (XGBoost's lambda). Defaults to 1.</summary>
    public float L2Regularization { get; set; } = 1f;

    /// <summary>Share of the features each tree may use (XGBoost's colsample_bytree), in (0, 1]. Defaults to 1.</summary>
    public float FeatureFraction { get; set; } = 1f;

    /// <summary>Threads; null uses every core. Defaults to null.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>The random seed. Defaults to null: 0 when training directly, the context's next seed in a pipeline.</summary>
    public int? Seed { get; set; }

    /// <summary>A copy of these settings with <paramref name="seed"/>.</summary>
    internal XGBoostParameters WithSeed(int seed)
    {
        var copy = (XGBoostParameters)MemberwiseClone();
        copy.Seed = seed;
        return copy;
    }

    internal void Validate()
    {
        Require(NumberOfTrees >= 1, nameof(NumberOfTrees), NumberOfTrees, "must be at least 1");
        Require(LearningRate > 0f && LearningRate <= 1f, nameof(LearningRate), LearningRate, "must be in (0, 1]");
        Require(MaximumDepth >= 1, nameof(MaximumDepth), MaximumDepth, "must be at least 1");
        Require(float.IsFinite(MinimumChildWeight) && MinimumChildWeight >= 0f, nameof(MinimumChildWeight), MinimumChildWeight, "must be zero or positive");
        Require(float.IsFinite(L2Regularization) && L2Regularization >= 0f, nameof(L2Regularization), L2Regularization, "must be zero or positive");
        Require(FeatureFraction > 0f && FeatureFraction <= 1f, nameof(FeatureFraction), FeatureFraction, "must be in (0, 1]");
        Require(NumberOfThreads is null or >= 1, nameof(NumberOfThreads), NumberOfThreads ?? 0, "must be at least 1 when set");
    }

    private static void Require(bool condition, string name, object value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {rule} (it is {value}).");
        }
    }
}
