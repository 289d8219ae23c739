namespace Autoencoders.Data;

/// <summary>Quality of a multiclass classifier's predictions.</summary>
public sealed class MulticlassClassificationMetrics
{
    internal MulticlassClassificationMetrics(double logLoss, ConfusionMatrix confusion, long rows)
    {
        LogLoss = logLoss;
        ConfusionMatrix = confusion;
        MicroAccuracy = Enumerable.Range(0, confusion.ClassCount).Sum(k => confusion[k, k]) / (double)rows;
        var present = Enumerable.Range(0, confusion.ClassCount).Where(k => Enumerable.Range(0, confusion.ClassCount).Any(p => confusion[k, p] > 0)).ToArray();
        MacroAccuracy = present.Average(k => confusion.PerClassRecall[k]);
    }

    /// <summary>Share of rows predicted correctly.</summary>
    public double MicroAccuracy { get; }

    /// <summary>Mean over the classes present of each class's accuracy (its recall).</summary>
    public double MacroAccuracy { get; }

    /// <summary>Mean negative natural log of the probability given to the true class (clipped at 1e-15).</summary>
    public double LogLoss { get; }

    /// <summary>Counts by true and predicted class.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
