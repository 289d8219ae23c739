namespace Autoencoders.Data;

/// <summary>Quality of a binary classifier's predictions.</summary>
public sealed class BinaryClassificationMetrics
{
    internal BinaryClassificationMetrics(double accuracy, double auc, double logLoss, ConfusionMatrix confusion)
    {
        Accuracy = accuracy;
        AreaUnderRocCurve = auc;
        LogLoss = logLoss;
        ConfusionMatrix = confusion;
        PositivePrecision = confusion.PerClassPrecision[1];
        PositiveRecall = confusion.PerClassRecall[1];
        F1Score = PositivePrecision + PositiveRecall > 0 ? 2 * PositivePrecision * PositiveRecall / (PositivePrecision + PositiveRecall) : 0;
    }

    /// <summary>Share of rows predicted correctly.</summary>
    public double Accuracy { get; }

    /// <summary>Area under the ROC curve of the scores (ties count half).</summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>Mean negative natural log of the probability given to the true class (probabilities clipped to [1e-15, 1 - 1e-15]).</summary>
    public double LogLoss { get; }

    /// <summary>Of the rows predicted positive, the share that are.</summary>
    public double PositivePrecision { get; }

    /// <summary>Of the positive rows, the share predicted positive.</summary>
    public double PositiveRecall { get; }

    /// <summary>Harmonic mean of positive precision and recall.</summary>
    public double F1Score { get; }

    /// <summary>Counts by true and predicted class (0 = false, 1 = true).</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
