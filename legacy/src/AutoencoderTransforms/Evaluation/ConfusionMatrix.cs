using System.Globalization;
using System.Text;

namespace Autoencoders.Data;

/// <summary>Counts of rows by true class (rows) and predicted class (columns).</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    internal ConfusionMatrix(long[,] counts) => _counts = counts;

    /// <summary>Number of classes.</summary>
    public int ClassCount => _counts.GetLength(0);

    /// <summary>Number of classes (ML.NET's name).</summary>
    public int NumberOfClasses => ClassCount;

    /// <summary>The counts as ML.NET gives them: one list per true class, one count per predicted class.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts =>
        Enumerable.Range(0, ClassCount).Select(actual => (IReadOnlyList<double>)Enumerable.Range(0, ClassCount).Select(p => (double)_counts[actual, p]).ToArray()).ToArray();

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

    /// <summary>
    /// The matrix as ML.NET formats it: a header of predicted classes, one line per true class with
    /// its counts and recall, and a last line of per-class precision.
    /// </summary>
    public string GetFormattedConfusionTable()
    {
        var names = Enumerable.Range(0, ClassCount).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var width = Math.Max(7, Enumerable.Range(0, ClassCount).Max(k => Enumerable.Range(0, ClassCount).Max(p => _counts[k, p].ToString(CultureInfo.InvariantCulture).Length)) + 1);
        var label = Math.Max(9, names.Max(n => n.Length) + 1);
        var text = new StringBuilder();
        text.AppendLine().AppendLine("Confusion table");
        var rule = new string('=', label + 3 + ClassCount * (width + 3) + 9);
        text.AppendLine(rule);
        text.Append("PREDICTED".PadRight(label)).Append(" ||");
        foreach (var name in names) text.Append(' ').Append(name.PadLeft(width)).Append(" |");
        text.AppendLine(" Recall");
        text.Append("TRUTH".PadRight(label)).Append(" ||").Append(new string('=', ClassCount * (width + 3) + 8)).AppendLine();
        var recall = PerClassRecall;
        for (var actual = 0; actual < ClassCount; actual++)
        {
            text.Append(names[actual].PadLeft(label)).Append(" ||");
            for (var predicted = 0; predicted < ClassCount; predicted++)
            {
                text.Append(' ').Append(_counts[actual, predicted].ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append(" |");
            }

            text.AppendLine(recall[actual].ToString("0.0000", CultureInfo.InvariantCulture).PadLeft(7));
        }

        text.AppendLine(rule);
        text.Append("Precision".PadRight(label)).Append(" ||");
        foreach (var precision in PerClassPrecision) text.Append(precision.ToString("0.0000", CultureInfo.InvariantCulture).PadLeft(width + 1)).Append(" |");
        return text.AppendLine().ToString();
    }

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
