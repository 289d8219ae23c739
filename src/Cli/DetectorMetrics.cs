using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>
/// How well a detector's output matches a Boolean label column: ML.NET's AUROC and detection rate
/// (its anomaly evaluator, which reads a Single label), and the precision, recall and F1 of the
/// detector's own decisions (ML.NET's anomaly metrics have none, and its binary evaluator
/// thresholds the score at 0 rather than reading the decisions).
/// </summary>
internal sealed record DetectorMetrics(double AreaUnderRocCurve, double DetectionRateAtFalsePositiveCount, double Precision, double Recall, long Anomalies, long Flagged, long Rows)
{
    private const string LabelAsSingle = "AnomalyLabel";

    /// <summary>F1 of the detector's decisions.</summary>
    public double F1 => Precision + Recall > 0 ? 2 * Precision * Recall / (Precision + Recall) : 0;

    /// <summary>The metrics of <paramref name="scored"/>, a detector's output, against <paramref name="labelColumn"/> (Boolean: true = anomaly).</summary>
    public static DetectorMetrics Measure(MLContext ml, IDataView scored, string labelColumn)
    {
        var metrics = ml.AnomalyDetection.Evaluate(
            ml.Transforms.Conversion.ConvertType(LabelAsSingle, labelColumn, DataKind.Single).Fit(scored).Transform(scored), labelColumnName: LabelAsSingle);
        // One cursor over both columns: each GetColumn would score every row again.
        var (label, decision) = (scored.Schema[labelColumn], scored.Schema[AutoencoderAnomalyPredictionTransformer.PredictedLabelColumnName]);
        using var cursor = scored.GetRowCursor([label, decision]);
        var (labelGetter, decisionGetter) = (cursor.GetGetter<bool>(label), cursor.GetGetter<bool>(decision));
        var (isAnomaly, isFlagged) = (false, false);
        var (truePositives, flagged, anomalies, rows) = (0L, 0L, 0L, 0L);
        while (cursor.MoveNext())
        {
            labelGetter(ref isAnomaly);
            decisionGetter(ref isFlagged);
            (truePositives, flagged, anomalies, rows) = (truePositives + (isAnomaly && isFlagged ? 1 : 0), flagged + (isFlagged ? 1 : 0), anomalies + (isAnomaly ? 1 : 0), rows + 1);
        }

        return new DetectorMetrics(metrics.AreaUnderRocCurve, metrics.DetectionRateAtFalsePositiveCount,
            truePositives / (double)Math.Max(1, flagged), truePositives / (double)Math.Max(1, anomalies), anomalies, flagged, rows);
    }
}
