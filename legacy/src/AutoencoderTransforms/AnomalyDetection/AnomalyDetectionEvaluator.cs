namespace Autoencoders.Data;

/// <summary>Computes <see cref="AnomalyDetectionMetrics"/> from labels, scores and decisions.</summary>
internal static class AnomalyDetectionEvaluator
{
    public static AnomalyDetectionMetrics Evaluate(IDataView data, string labelColumnName, string scoreColumnName, string predictedLabelColumnName, int falsePositiveCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(falsePositiveCount, 1);
        var stored = EvaluatedColumns.Read(data, labelColumnName, scoreColumnName, predictedLabelColumnName);
        var labels = EvaluatedColumns.ReadBooleanLabels(stored, labelColumnName);
        var scores = EvaluatedColumns.ReadScalar<float>(stored, scoreColumnName, NumberDataViewType.Single);
        var predicted = EvaluatedColumns.ReadScalar<bool>(stored, predictedLabelColumnName, BooleanDataViewType.Instance);
        var ranks = new RankStatistics(labels, scores, $"Column '{labelColumnName}'", $"column '{scoreColumnName}'");
        long truePositives = 0, predictedPositives = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            predictedPositives += predicted[row] ? 1 : 0;
            truePositives += predicted[row] && labels[row] ? 1 : 0;
        }

        return new AnomalyDetectionMetrics(
            ranks.AreaUnderRocCurve(),
            ranks.DetectionRate(falsePositiveCount),
            falsePositiveCount,
            predictedPositives == 0 ? 0 : truePositives / (double)predictedPositives,
            truePositives / (double)ranks.Positives,
            ranks.Positives,
            ranks.Negatives,
            ranks.BestF1());
    }
}
