namespace Autoencoders.Trainers;

/// <summary>
/// Chooses each unlabelled row's pseudo-label from the classifier's probabilities for its weak view,
/// and whether it is confident enough to teach the strong view (see
/// <see cref="SemiSupervisedTrainingOptions.ConfidenceThreshold"/> and
/// <see cref="SemiSupervisedTrainingOptions.DistributionAlignment"/>). Keeps running means over the
/// batches: of each class's probability and of the highest probability.
/// </summary>
internal sealed class PseudoLabels
{
    /// <summary>How much of each running mean a batch keeps (about the last 100 batches count).</summary>
    private const float RunningMeanDecay = 0.99f;

    private readonly float[] _labelledShares;
    private readonly float[] _meanProbabilities;
    private readonly float? _threshold;
    private readonly bool _align;
    private float _meanConfidence;

    /// <param name="labels">Every row's class, or <see cref="SemiSupervisedTrainer.Unlabelled"/>; the labelled rows' shares are the classes' target shares.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="threshold">A fixed confidence threshold, or null for the adaptive one.</param>
    /// <param name="align">Whether to align the probabilities with the labelled rows' class shares.</param>
    public PseudoLabels(IReadOnlyList<int> labels, int classCount, float? threshold, bool align)
    {
        _labelledShares = new float[classCount];
        var labelled = labels.Count(label => label != SemiSupervisedTrainer.Unlabelled);
        foreach (var label in labels.Where(label => label != SemiSupervisedTrainer.Unlabelled))
        {
            _labelledShares[label] += 1f / labelled;
        }

        _meanProbabilities = Enumerable.Repeat(1f / classCount, classCount).ToArray();
        _meanConfidence = 1f / classCount;
        _threshold = threshold;
        _align = align;
    }

    /// <summary>
    /// Each row's pseudo-label and its weight (1 where confident, else 0), from
    /// <paramref name="probabilities"/>: the batch's class probabilities row by row, overwritten.
    /// </summary>
    public (float[] Weights, long[] Labels) Choose(float[] probabilities)
    {
        var classes = _meanProbabilities.Length;
        var rows = probabilities.Length / classes;
        for (var c = 0; c < classes; c++)
        {
            var batchMean = 0f;
            for (var row = 0; row < rows; row++)
            {
                batchMean += probabilities[row * classes + c];
            }

            _meanProbabilities[c] = RunningMeanDecay * _meanProbabilities[c] + (1f - RunningMeanDecay) * batchMean / rows;
        }

        var labels = new long[rows];
        var confidences = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var values = probabilities.AsSpan(row * classes, classes);
            if (_align)
            {
                Align(values);
            }

            var label = 0;
            for (var c = 1; c < classes; c++)
            {
                label = values[c] > values[label] ? c : label;
            }

            (labels[row], confidences[row]) = (label, values[label]);
        }

        _meanConfidence = RunningMeanDecay * _meanConfidence + (1f - RunningMeanDecay) * confidences.Average();
        var largestMean = _meanProbabilities.Max();
        var weights = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var threshold = _threshold ?? _meanConfidence * _meanProbabilities[labels[row]] / largestMean;
            weights[row] = confidences[row] >= threshold ? 1f : 0f;
        }

        return (weights, labels);
    }

    /// <summary>Scales each class's probability by its labelled share over its running mean, then renormalizes.</summary>
    private void Align(Span<float> values)
    {
        var sum = 0f;
        for (var c = 0; c < values.Length; c++)
        {
            values[c] *= _labelledShares[c] / _meanProbabilities[c];
            sum += values[c];
        }

        for (var c = 0; c < values.Length; c++)
        {
            values[c] /= sum;
        }
    }
}
