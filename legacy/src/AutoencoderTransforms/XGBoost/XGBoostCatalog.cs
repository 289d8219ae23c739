using Autoencoders.Trainers.XGBoost;

namespace Autoencoders;

/// <summary>The XGBoost trainers of the binary, multiclass and regression catalogs.</summary>
public static class XGBoostCatalog
{
    /// <summary>Boosted trees predicting a Boolean label.</summary>
    public static XGBoostTrainer XGBoost(this BinaryClassificationTrainers catalog, string labelColumnName = AutoencoderDefaults.LabelColumnName,
        string featureColumnName = AutoencoderDefaults.FeatureColumnName, int numberOfTrees = 100, float learningRate = 0.3f, int maximumDepth = 6) =>
        catalog.XGBoost(Options(labelColumnName, featureColumnName, numberOfTrees, learningRate, maximumDepth));

    /// <summary>Boosted trees predicting a Boolean label, configured by <paramref name="options"/>.</summary>
    public static XGBoostTrainer XGBoost(this BinaryClassificationTrainers catalog, XGBoostOptions options) =>
        new(catalog.Context, options, XGBoostObjective.BinaryLogistic);

    /// <summary>Boosted trees predicting Int32 classes 0..K-1.</summary>
    public static XGBoostTrainer XGBoost(this MulticlassClassificationTrainers catalog, string labelColumnName = AutoencoderDefaults.LabelColumnName,
        string featureColumnName = AutoencoderDefaults.FeatureColumnName, int numberOfTrees = 100, float learningRate = 0.3f, int maximumDepth = 6) =>
        catalog.XGBoost(Options(labelColumnName, featureColumnName, numberOfTrees, learningRate, maximumDepth));

    /// <summary>Boosted trees predicting Int32 classes 0..K-1, configured by <paramref name="options"/>.</summary>
    public static XGBoostTrainer XGBoost(this MulticlassClassificationTrainers catalog, XGBoostOptions options) =>
        new(catalog.Context, options, XGBoostObjective.MulticlassProbabilities);

    /// <summary>Boosted trees predicting a Single value.</summary>
    public static XGBoostTrainer XGBoost(this RegressionTrainers catalog, string labelColumnName = AutoencoderDefaults.LabelColumnName,
        string featureColumnName = AutoencoderDefaults.FeatureColumnName, int numberOfTrees = 100, float learningRate = 0.3f, int maximumDepth = 6) =>
        catalog.XGBoost(Options(labelColumnName, featureColumnName, numberOfTrees, learningRate, maximumDepth));

    /// <summary>Boosted trees predicting a Single value, configured by <paramref name="options"/>.</summary>
    public static XGBoostTrainer XGBoost(this RegressionTrainers catalog, XGBoostOptions options) =>
        new(catalog.Context, options, XGBoostObjective.SquaredErrorRegression);

    private static XGBoostOptions Options(string label, string features, int trees, float learningRate, int depth) => new()
    {
        LabelColumnName = label, FeatureColumnName = features, NumberOfTrees = trees, LearningRate = learningRate, MaximumDepth = depth,
    };
}
