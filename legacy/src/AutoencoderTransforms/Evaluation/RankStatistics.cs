namespace Autoencoders.Data;

/// <summary>
/// Rank-based statistics of scores against true/false labels, shared by the evaluators and the ROC
/// chart. The inputs are checked once, on construction; counts are 64-bit at any size.
/// </summary>
internal sealed class RankStatistics
{
    private readonly IReadOnlyList<bool> _labels;
    private readonly IReadOnlyList<float> _scores;
    private int[]? _ascendingOrder;

    /// <param name="labels">True for positives; both labels must occur.</param>
    /// <param name="scores">One score per label, higher meaning more likely positive; none NaN.</param>
    /// <param name="labelsName">How errors name the labels, e.g. "Column 'Label'".</param>
    /// <param name="scoresName">How errors name the scores, e.g. "column 'Score'".</param>
    public RankStatistics(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, string labelsName, string scoresName)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count)
        {
            throw new ArgumentException($"There are {labels.Count} labels but {scores.Count} scores.", nameof(scores));
        }

        long positives = 0;
        for (var row = 0; row < labels.Count; row++)
        {
            if (float.IsNaN(scores[row]))
            {
                throw new ArgumentException($"Row {row} of {scoresName} is NaN.", nameof(scores));
            }

            if (labels[row]) positives++;
        }

        Positives = positives;
        Negatives = labels.Count - positives;
        if (Positives == 0 || Negatives == 0)
        {
            throw new ArgumentException($"{labelsName} needs both classes to evaluate; it has {Positives} positive (true) and {Negatives} negative (false) rows.", nameof(labels));
        }

        _labels = labels;
        _scores = scores;
    }

    /// <summary>Rows labelled true.</summary>
    public long Positives { get; }

    /// <summary>Rows labelled false.</summary>
    public long Negatives { get; }

    /// <summary>
    /// The area under the ROC curve: the Mann-Whitney statistic, the share of (positive, negative)
    /// pairs in which the positive scores higher, ties counted half.
    /// </summary>
    public double AreaUnderRocCurve()
    {
        var order = AscendingOrder();
        double positivesAboveNegatives = 0;
        long negativesBelow = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            long positivesInGroup = 0, negativesInGroup = 0;
            for (; end < order.Length && _scores[order[end]] == _scores[order[start]]; end++)
            {
                if (_labels[order[end]]) positivesInGroup++; else negativesInGroup++;
            }

            positivesAboveNegatives += positivesInGroup * (negativesBelow + negativesInGroup / 2.0);
            negativesBelow += negativesInGroup;
            start = end;
        }

        return positivesAboveNegatives / ((double)Positives * Negatives);
    }

    /// <summary>
    /// The ROC curve from (0, 0) to (1, 1): the (false-positive rate, true-positive rate) reached by
    /// each threshold between distinct scores, from the highest score down.
    /// </summary>
    public IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> RocCurve()
    {
        var order = AscendingOrder();
        var curve = new List<(double, double)> { (0, 0) };
        long truePositives = 0, falsePositives = 0;
        for (var i = order.Length - 1; i >= 0; i--)
        {
            if (_labels[order[i]]) truePositives++; else falsePositives++;
            if (i == 0 || _scores[order[i - 1]] != _scores[order[i]])
            {
                curve.Add((falsePositives / (double)Negatives, truePositives / (double)Positives));
            }
        }

        return curve;
    }

    /// <summary>
    /// The share of positives scoring strictly above the <paramref name="falsePositiveCount"/>-th
    /// highest negative score: the anomalies found before that many normal rows are flagged, whatever
    /// the order of tied rows. All positives when there are fewer negatives than that.
    /// </summary>
    public double DetectionRate(int falsePositiveCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(falsePositiveCount, 1);
        if (Negatives < falsePositiveCount)
        {
            return 1;
        }

        var negativeScores = new float[Negatives];
        var next = 0;
        for (var row = 0; row < _labels.Count; row++)
        {
            if (!_labels[row]) negativeScores[next++] = _scores[row];
        }

        Array.Sort(negativeScores);
        var threshold = negativeScores[Negatives - falsePositiveCount];
        long found = 0;
        for (var row = 0; row < _labels.Count; row++)
        {
            if (_labels[row] && _scores[row] > threshold) found++;
        }

        return found / (double)Positives;
    }

    /// <summary>
    /// The highest F1 score any threshold reaches (flagging the rows scoring strictly above it), and
    /// the highest such threshold: the next lower score, or just below the lowest when every row is flagged.
    /// </summary>
    public (double F1Score, float Threshold) BestF1()
    {
        var order = AscendingOrder();
        var best = (F1Score: 0.0, Threshold: _scores[order[^1]]);
        long truePositives = 0, flagged = 0;
        for (var i = order.Length - 1; i >= 0; i--)
        {
            flagged++;
            if (_labels[order[i]]) truePositives++;
            if (i > 0 && _scores[order[i - 1]] == _scores[order[i]])
            {
                continue;
            }

            var f1 = 2.0 * truePositives / (flagged + Positives);
            if (f1 > best.F1Score)
            {
                best = (f1, i > 0 ? _scores[order[i - 1]] : MathF.BitDecrement(_scores[order[0]]));
            }
        }

        return best;
    }

    /// <summary>Row indices ordered by score, lowest first; sorted once.</summary>
    private int[] AscendingOrder()
    {
        if (_ascendingOrder is null)
        {
            var keys = _scores.ToArray();
            var order = new int[keys.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(keys, order);
            _ascendingOrder = order;
        }

        return _ascendingOrder;
    }
}
