using Autoencoders.Transforms.Data;

namespace Autoencoders.Transforms;

/// <summary>Computes <see cref="AnomalyDetectionMetrics"/> from labels, scores and decisions.</summary>
internal static class AnomalyDetectionEvaluator
{
    public static AnomalyDetectionMetrics Evaluate(IDataView data, string labelColumnName, string scoreColumnName, string predictedLabelColumnName, int falsePositiveCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(falsePositiveCount, 1);
        var labels = ReadLabels(data, labelColumnName);
        var scores = ReadColumn<float>(data, scoreColumnName, NumberDataViewType.Single);
        var predicted = ReadColumn<bool>(data, predictedLabelColumnName, BooleanDataViewType.Instance);
        var positives = labels.Count(label => label);
        var negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"Column '{labelColumnName}' needs both anomalies and normal rows to evaluate; it has {positives} and {negatives}.", nameof(data));
        }

        for (var row = 0; row < scores.Length; row++)
        {
            if (float.IsNaN(scores[row]))
            {
                throw new ArgumentException($"Row {row} of column '{scoreColumnName}' is NaN.", nameof(data));
            }
        }

        int truePositives = 0, predictedPositives = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            predictedPositives += predicted[row] ? 1 : 0;
            truePositives += predicted[row] && labels[row] ? 1 : 0;
        }

        return new AnomalyDetectionMetrics(
            RankStatistics.AreaUnderRocCurve(labels, scores),
            DetectionRate(labels, scores, positives, falsePositiveCount),
            falsePositiveCount,
            predictedPositives == 0 ? 0 : truePositives / (double)predictedPositives,
            truePositives / (double)positives,
            positives,
            negatives);
    }

    /// <summary>Anomalies found, scanning from the highest score, before the k-th normal row appears.</summary>
    private static double DetectionRate(bool[] labels, float[] scores, int positives, int falsePositiveCount)
    {
        var found = 0;
        var falsePositives = 0;
        foreach (var row in Enumerable.Range(0, scores.Length).OrderByDescending(row => scores[row]))
        {
            if (labels[row])
            {
                found++;
            }
            else if (++falsePositives >= falsePositiveCount)
            {
                break;
            }
        }

        return found / (double)positives;
    }

    private static bool[] ReadLabels(IDataView data, string name) => data.GetColumn(SchemaRequirements.RequireColumn(data.Schema, name)) switch
    {
        DataColumn<bool> booleans => booleans.Array,
        DataColumn<float> { Type: NumberDataViewType } singles => Array.ConvertAll(singles.Array, value => value != 0f),
        DataColumn<int> integers => Array.ConvertAll(integers.Array, value => value != 0),
        var other => throw new ArgumentException($"Column '{name}' is {other.Type}; labels must be Boolean, Single or Int32 (nonzero = anomaly).", nameof(data)),
    };

    private static T[] ReadColumn<T>(IDataView data, string name, DataViewType type)
    {
        var column = SchemaRequirements.RequireColumn(data.Schema, name);
        return column.Type.Equals(type)
            ? ((DataColumn<T>)data.GetColumn(column)).Array
            : throw new ArgumentException($"Column '{name}' is {column.Type} but must be {type}.", nameof(data));
    }
}
