using Autoencoders.Transforms.Data;

namespace Autoencoders.Transforms;

/// <summary>Computes the classification and regression metrics from scored data.</summary>
internal static class PredictionEvaluator
{
    private const double ProbabilityFloor = 1e-15;

    public static BinaryClassificationMetrics EvaluateBinary(IDataView data, string labelColumnName, string scoreColumnName,
        string probabilityColumnName, string predictedLabelColumnName)
    {
        var labels = Read<float>(data, labelColumnName, "a Boolean or 0/1 label").Select(label => label != 0f).ToArray();
        var scores = Read<float>(data, scoreColumnName, "a Single score");
        var probabilities = Read<float>(data, probabilityColumnName, "a Single probability");
        var predicted = Read<bool>(data, predictedLabelColumnName, "a Boolean predicted label");
        var positives = labels.Count(label => label);
        if (positives == 0 || positives == labels.Length)
        {
            throw new ArgumentException($"Column '{labelColumnName}' needs both classes to evaluate.", nameof(data));
        }

        var counts = new int[2, 2];
        double logLoss = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            counts[labels[row] ? 1 : 0, predicted[row] ? 1 : 0]++;
            var p = Math.Clamp(probabilities[row], ProbabilityFloor, 1 - ProbabilityFloor);
            logLoss -= Math.Log(labels[row] ? p : 1 - p);
        }

        var correct = counts[0, 0] + counts[1, 1];
        return new BinaryClassificationMetrics(correct / (double)labels.Length, RankStatistics.AreaUnderRocCurve(labels, scores),
            logLoss / labels.Length, new ConfusionMatrix(counts));
    }

    public static MulticlassClassificationMetrics EvaluateMulticlass(IDataView data, string labelColumnName, string scoreColumnName, string predictedLabelColumnName)
    {
        var labels = Read<int>(data, labelColumnName, "Int32 classes");
        var predicted = Read<int>(data, predictedLabelColumnName, "Int32 predicted classes");
        var scoreColumn = SchemaRequirements.RequireColumn(data.Schema, scoreColumnName);
        if (scoreColumn.Type is not VectorDataViewType { Size: > 0 } scoreType)
        {
            throw new ArgumentException($"Column '{scoreColumnName}' is {scoreColumn.Type} but must be a vector of class probabilities.", nameof(data));
        }

        var classCount = scoreType.Size;
        var scores = ((DataColumn<float>)data.GetColumn(scoreColumn)).Array;
        if (labels.Length == 0)
        {
            throw new ArgumentException("There are no rows to evaluate.", nameof(data));
        }

        var counts = new int[classCount, classCount];
        double logLoss = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] < 0 || labels[row] >= classCount || predicted[row] < 0 || predicted[row] >= classCount)
            {
                throw new ArgumentException(
                    $"Row {row}: label {labels[row]} or predicted label {predicted[row]} is outside the {classCount} classes of column '{scoreColumnName}'.", nameof(data));
            }

            counts[labels[row], predicted[row]]++;
            logLoss -= Math.Log(Math.Max(scores[row * classCount + labels[row]], ProbabilityFloor));
        }

        return new MulticlassClassificationMetrics(logLoss / labels.Length, new ConfusionMatrix(counts), labels.Length);
    }

    public static RegressionMetrics EvaluateRegression(IDataView data, string labelColumnName, string scoreColumnName)
    {
        var labels = Read<float>(data, labelColumnName, "a Single label");
        var scores = Read<float>(data, scoreColumnName, "a Single score");
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

    /// <summary>A scalar column as <typeparamref name="T"/> (Boolean and Int32 labels read as 0/1 floats where floats are asked for).</summary>
    private static T[] Read<T>(IDataView data, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = SchemaRequirements.RequireColumn(data.Schema, name);
        object values = data.GetColumn(column) switch
        {
            DataColumn<T> same when column.Type is not VectorDataViewType => same.Array,
            DataColumn<bool> booleans when typeof(T) == typeof(float) => Array.ConvertAll(booleans.Array, b => b ? 1f : 0f),
            DataColumn<int> integers when typeof(T) == typeof(float) => Array.ConvertAll(integers.Array, i => (float)i),
            _ => throw new ArgumentException($"Column '{name}' is {column.Type} but must hold {what}.", nameof(data)),
        };
        return (T[])values;
    }
}
