namespace Autoencoders.Data;

/// <summary>Computes the classification and regression metrics from scored data.</summary>
internal static class PredictionEvaluator
{
    private const double ProbabilityFloor = 1e-15;

    public static BinaryClassificationMetrics EvaluateBinary(IDataView data, string labelColumnName, string scoreColumnName,
        string probabilityColumnName, string predictedLabelColumnName)
    {
        var stored = EvaluatedColumns.Read(data, labelColumnName, scoreColumnName, probabilityColumnName, predictedLabelColumnName);
        var labels = EvaluatedColumns.ReadBooleanLabels(stored, labelColumnName);
        var scores = EvaluatedColumns.ReadScalar<float>(stored, scoreColumnName, NumberDataViewType.Single);
        var probabilities = EvaluatedColumns.ReadScalar<float>(stored, probabilityColumnName, NumberDataViewType.Single);
        var predicted = EvaluatedColumns.ReadScalar<bool>(stored, predictedLabelColumnName, BooleanDataViewType.Instance);
        var ranks = new RankStatistics(labels, scores, $"Column '{labelColumnName}'", $"column '{scoreColumnName}'");
        var counts = new long[2, 2];
        double logLoss = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            counts[labels[row] ? 1 : 0, predicted[row] ? 1 : 0]++;
            var p = Math.Clamp(probabilities[row], ProbabilityFloor, 1 - ProbabilityFloor);
            logLoss -= Math.Log(labels[row] ? p : 1 - p);
        }

        var correct = counts[0, 0] + counts[1, 1];
        return new BinaryClassificationMetrics(correct / (double)labels.Length, ranks.AreaUnderRocCurve(), logLoss / labels.Length, new ConfusionMatrix(counts));
    }

    public static MulticlassClassificationMetrics EvaluateMulticlass(IDataView data, string labelColumnName, string scoreColumnName, string predictedLabelColumnName)
    {
        var stored = EvaluatedColumns.Read(data, labelColumnName, scoreColumnName, predictedLabelColumnName);
        var labels = EvaluatedColumns.ReadClasses(stored, labelColumnName);
        var scoreColumn = SchemaRequirements.RequireColumn(data.Schema, scoreColumnName);
        if (scoreColumn.Type is not VectorDataViewType { Size: > 0 } scoreType)
        {
            throw new ArgumentException($"Column '{scoreColumnName}' is {scoreColumn.Type} but must be a vector of class probabilities.", nameof(data));
        }

        var classCount = scoreType.Size;
        var scores = ((DataColumn<float>)stored.Column(stored.Schema[scoreColumnName])).Array;
        // A predicted label mapped back to names (MapKeyToValue) no longer holds classes: then, as ML.NET does, the class is the highest score.
        var predicted = stored.Schema[predictedLabelColumnName].Type is KeyDataViewType || stored.Schema[predictedLabelColumnName].Type.Equals(NumberDataViewType.Int32)
            ? EvaluatedColumns.ReadClasses(stored, predictedLabelColumnName)
            : Enumerable.Range(0, labels.Length).Select(row => ClassScores.Highest(scores.AsSpan(row * classCount, classCount))).ToArray();
        if (labels.Length == 0)
        {
            throw new ArgumentException("There are no rows to evaluate.", nameof(data));
        }

        var counts = new long[classCount, classCount];
        double logLoss = 0;
        var evaluated = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] == -1 && stored.Schema[labelColumnName].Type is KeyDataViewType)
            {
                continue;
            }

            if (labels[row] < 0 || labels[row] >= classCount || predicted[row] < 0 || predicted[row] >= classCount)
            {
                throw new ArgumentException(
                    $"Row {row}: label {labels[row]} or predicted label {predicted[row]} is outside the {classCount} classes of column '{scoreColumnName}'.", nameof(data));
            }

            counts[labels[row], predicted[row]]++;
            logLoss -= Math.Log(Math.Max(scores[row * classCount + labels[row]], ProbabilityFloor));
            evaluated++;
        }

        if (evaluated == 0)
        {
            throw new ArgumentException($"Every row's label in column '{labelColumnName}' is missing (key 0): there is nothing to evaluate.", nameof(data));
        }

        return new MulticlassClassificationMetrics(logLoss / evaluated, new ConfusionMatrix(counts), evaluated);
    }

    public static RegressionMetrics EvaluateRegression(IDataView data, string labelColumnName, string scoreColumnName)
    {
        var stored = EvaluatedColumns.Read(data, labelColumnName, scoreColumnName);
        var labels = EvaluatedColumns.ReadScalar<float>(stored, labelColumnName, NumberDataViewType.Single);
        var scores = EvaluatedColumns.ReadScalar<float>(stored, scoreColumnName, NumberDataViewType.Single);
        if (labels.Length == 0)
        {
            throw new ArgumentException("There are no rows to evaluate.", nameof(data));
        }

        var mean = labels.Average(label => (double)label);
        double absolute = 0, squared = 0, total = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            var error = (double)labels[row] - scores[row];
            absolute += Math.Abs(error);
            squared += error * error;
            total += (labels[row] - mean) * (labels[row] - mean);
        }

        var n = labels.Length;
        return new RegressionMetrics(absolute / n, squared / n, Math.Sqrt(squared / n), total > 0 ? 1 - squared / total : 0);
    }
}
