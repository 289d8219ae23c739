namespace Autoencoders;

/// <summary>Evaluation of scored data for binary, multiclass and regression tasks.</summary>
public static class EvaluationCatalog
{
    /// <summary>Accuracy, AUC, log-loss, precision, recall, F1 and the confusion matrix.</summary>
    public static BinaryClassificationMetrics Evaluate(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = AutoencoderDefaults.LabelColumnName, string scoreColumnName = AutoencoderDefaults.ScoreColumnName,
        string probabilityColumnName = AutoencoderDefaults.ProbabilityColumnName, string predictedLabelColumnName = AutoencoderDefaults.PredictedLabelColumnName) =>
        PredictionEvaluator.EvaluateBinary(data, labelColumnName, scoreColumnName, probabilityColumnName, predictedLabelColumnName);

    /// <summary>Micro and macro accuracy, log-loss and the confusion matrix; labels and predictions are keys (rows whose label key is 0, missing, are left out) or Int32 classes 0..K-1.</summary>
    public static MulticlassClassificationMetrics Evaluate(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = AutoencoderDefaults.LabelColumnName, string scoreColumnName = AutoencoderDefaults.ScoreColumnName,
        string predictedLabelColumnName = AutoencoderDefaults.PredictedLabelColumnName) =>
        PredictionEvaluator.EvaluateMulticlass(data, labelColumnName, scoreColumnName, predictedLabelColumnName);

    /// <summary>Mean absolute and squared error, its root, and R-squared.</summary>
    public static RegressionMetrics Evaluate(this RegressionCatalog catalog, IDataView data,
        string labelColumnName = AutoencoderDefaults.LabelColumnName, string scoreColumnName = AutoencoderDefaults.ScoreColumnName) =>
        PredictionEvaluator.EvaluateRegression(data, labelColumnName, scoreColumnName);
}
