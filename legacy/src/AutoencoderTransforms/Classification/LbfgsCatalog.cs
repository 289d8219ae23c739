using Autoencoders.Trainers;

namespace Autoencoders;

/// <summary>ML.NET's L-BFGS trainers of the binary and multiclass catalogs.</summary>
public static class LbfgsCatalog
{
    /// <summary>Multiclass logistic (softmax) regression by L-BFGS, with ML.NET's parameters and defaults.</summary>
    /// <param name="catalog">The multiclass trainers.</param>
    /// <param name="labelColumnName">The key (or Int32 class) label column.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">A Single column of row weights, or null.</param>
    /// <param name="l1Regularization">The L1 weight.</param>
    /// <param name="l2Regularization">The L2 weight.</param>
    /// <param name="optimizationTolerance">The relative improvement below which the optimizer stops.</param>
    /// <param name="historySize">The past steps L-BFGS remembers.</param>
    /// <param name="enforceNonNegativity">Whether weights are kept at or above zero.</param>
    public static LbfgsMaximumEntropyMulticlassTrainer LbfgsMaximumEntropy(this MulticlassClassificationTrainers catalog,
        string labelColumnName = AutoencoderDefaults.LabelColumnName, string featureColumnName = AutoencoderDefaults.FeatureColumnName,
        string? exampleWeightColumnName = null, float l1Regularization = 1f, float l2Regularization = 1f, float optimizationTolerance = 1e-7f,
        int historySize = 20, bool enforceNonNegativity = false) =>
        catalog.LbfgsMaximumEntropy(Fill(new LbfgsMaximumEntropyMulticlassTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            l1Regularization, l2Regularization, optimizationTolerance, historySize, enforceNonNegativity));

    /// <summary>Multiclass logistic (softmax) regression by L-BFGS, configured by <paramref name="options"/>.</summary>
    public static LbfgsMaximumEntropyMulticlassTrainer LbfgsMaximumEntropy(this MulticlassClassificationTrainers catalog, LbfgsMaximumEntropyMulticlassTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(options);
    }

    /// <summary>Binary logistic regression by L-BFGS, with ML.NET's parameters and defaults.</summary>
    /// <param name="catalog">The binary trainers.</param>
    /// <param name="labelColumnName">The Boolean (or 0/1) label column.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="exampleWeightColumnName">A Single column of row weights, or null.</param>
    /// <param name="l1Regularization">The L1 weight.</param>
    /// <param name="l2Regularization">The L2 weight.</param>
    /// <param name="optimizationTolerance">The relative improvement below which the optimizer stops.</param>
    /// <param name="historySize">The past steps L-BFGS remembers.</param>
    /// <param name="enforceNonNegativity">Whether weights are kept at or above zero.</param>
    public static LbfgsLogisticRegressionBinaryTrainer LbfgsLogisticRegression(this BinaryClassificationTrainers catalog,
        string labelColumnName = AutoencoderDefaults.LabelColumnName, string featureColumnName = AutoencoderDefaults.FeatureColumnName,
        string? exampleWeightColumnName = null, float l1Regularization = 1f, float l2Regularization = 1f, float optimizationTolerance = 1e-7f,
        int historySize = 20, bool enforceNonNegativity = false) =>
        catalog.LbfgsLogisticRegression(Fill(new LbfgsLogisticRegressionBinaryTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            l1Regularization, l2Regularization, optimizationTolerance, historySize, enforceNonNegativity));

    /// <summary>Binary logistic regression by L-BFGS, configured by <paramref name="options"/>.</summary>
    public static LbfgsLogisticRegressionBinaryTrainer LbfgsLogisticRegression(this BinaryClassificationTrainers catalog, LbfgsLogisticRegressionBinaryTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(options);
    }

    private static TOptions Fill<TOptions>(TOptions options, string label, string features, string? weights, float l1, float l2, float tolerance, int history, bool nonNegative)
        where TOptions : LbfgsOptionsBase
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        options.ExampleWeightColumnName = weights;
        options.L1Regularization = l1;
        options.L2Regularization = l2;
        options.OptimizationTolerance = tolerance;
        options.HistorySize = history;
        options.EnforceNonNegativity = nonNegative;
        return options;
    }
}
