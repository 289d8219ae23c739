namespace Autoencoders.Trainers.XGBoost;

/// <summary>What an XGBoost model learns.</summary>
public enum XGBoostObjective
{
    /// <summary>Two classes, labels 0 and 1; predicts the probability of 1 ("binary:logistic").</summary>
    BinaryLogistic,
    /// <summary>K classes, labels 0..K-1; predicts K probabilities ("multi:softprob").</summary>
    MulticlassProbabilities,
    /// <summary>A real value, squared-error loss ("reg:squarederror").</summary>
    SquaredErrorRegression,
}
