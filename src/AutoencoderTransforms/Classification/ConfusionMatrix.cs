using System.Text;

namespace Autoencoders.Data;

/// <summary>Counts of rows by true class (rows) and predicted class (columns).</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    internal ConfusionMatrix(long[,] counts) => _counts = counts;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _counts.GetLength(0);

    /// <summary>Rows whose true class is <paramref name="actual"/> and predicted class <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Of the rows predicted as each class, the share that are.</summary>
    public IReadOnlyList<double> PerClassPrecision => Enumerable.Range(0, ClassCount).Select(k =>
    {
        var predicted = Enumerable.Range(0, ClassCount).Sum(actual => _counts[actual, k]);
        return predicted == 0 ? 0 : _counts[k, k] / (double)predicted;
    }).ToArray();

    /// <summary>Of the rows of each class, the share predicted as it.</summary>
    public IReadOnlyList<double> PerClassRecall => Enumerable.Range(0, ClassCount).Select(k =>
    {
        var actual = Enumerable.Range(0, ClassCount).Sum(predicted => _counts[k, predicted]);
        return actual == 0 ? 0 : _counts[k, k] / (double)actual;
    }).ToArray();

    /// <summary>The matrix as a text table: one line per true class.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("actual \\ predicted");
        for (var k = 0; k < ClassCount; k++) text.Append($"\t{k}");
        for (var actual = 0; actual < ClassCount; actual++)
        {
            text.AppendLine().Append(actual);
            for (var predicted = 0; predicted < ClassCount; predicted++) text.Append($"\t{_counts[actual, predicted]}");
        }

        return text.ToString();
    }
}
