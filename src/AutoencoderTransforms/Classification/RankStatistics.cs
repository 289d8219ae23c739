namespace Autoencoders.Transforms;

/// <summary>Rank-based statistics shared by the evaluators.</summary>
internal static class RankStatistics
{
    /// <summary>
    /// The area under the ROC curve of <paramref name="scores"/> for <paramref name="labels"/>: the
    /// Mann-Whitney statistic, ties counted half. Needs both labels present.
    /// </summary>
    public static double AreaUnderRocCurve(bool[] labels, float[] scores)
    {
        var positives = labels.Count(label => label);
        var negatives = labels.Length - positives;
        var order = Enumerable.Range(0, scores.Length).OrderBy(row => scores[row]).ToArray();
        double positiveRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                if (labels[order[i]]) positiveRankSum += averageRank;
            }

            start = end + 1;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
