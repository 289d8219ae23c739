namespace Autoencoders.Data;

/// <summary>How well anomaly scores and decisions match the true labels.</summary>
public sealed class AnomalyDetectionMetrics
{
    internal AnomalyDetectionMetrics(double auc, double detectionRate, int falsePositiveCount, double precision, double recall, long positives, long negatives,
        (double F1Score, float Threshold) bestF1)
    {
        (BestF1Score, BestF1Threshold) = bestF1;
        AreaUnderRocCurve = auc;
        DetectionRateAtFalsePositiveCount = detectionRate;
        FalsePositiveCount = falsePositiveCount;
        Precision = precision;
        Recall = recall;
        F1Score = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        AnomalyCount = positives;
        NormalCount = negatives;
    }

    /// <summary>Area under the ROC curve of the scores: the chance that a random anomaly outscores a random normal row (ties count half).</summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>Share of the anomalies scoring strictly above the <see cref="FalsePositiveCount"/>-th highest-scoring normal row (all of them when there are fewer normal rows).</summary>
    public double DetectionRateAtFalsePositiveCount { get; }

    /// <summary>The false-positive count the detection rate is measured at.</summary>
    public int FalsePositiveCount { get; }

    /// <summary>Of the rows predicted anomalous, the share that are (0 when none is predicted).</summary>
    public double Precision { get; }

    /// <summary>Of the anomalies, the share predicted anomalous.</summary>
    public double Recall { get; }

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1Score { get; }

    /// <summary>
    /// The highest F1 score any threshold on the scores reaches: what a threshold chosen with the
    /// labels would give, the yardstick for one chosen without them (<see cref="F1Score"/>).
    /// </summary>
    public double BestF1Score { get; }

    /// <summary>The highest threshold that reaches <see cref="BestF1Score"/> (rows scoring above it flagged).</summary>
    public float BestF1Threshold { get; }

    /// <summary>Rows labelled anomalous.</summary>
    public long AnomalyCount { get; }

    /// <summary>Rows labelled normal.</summary>
    public long NormalCount { get; }
}
