using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>
/// Pseudo-labels: a fixed threshold keeps exactly the confident rows; distribution alignment turns a
/// classifier's steady lean toward one class back toward the labelled rows' shares; the adaptive
/// threshold starts low and rises with the classifier's confidence.
/// </summary>
public class PseudoLabelsTests
{
    private static readonly int[] TwoBalancedClasses = [0, 1, SemiSupervisedTrainer.Unlabelled, SemiSupervisedTrainer.Unlabelled];

    [Fact]
    public void AFixedThresholdKeepsTheRowsWhoseMostProbableClassReachesIt()
    {
        var pseudoLabels = new PseudoLabels(TwoBalancedClasses, 2, threshold: 0.9f, align: false);

        var (weights, labels) = pseudoLabels.Choose([0.95f, 0.05f, 0.2f, 0.8f, 0.05f, 0.95f, 0.9f, 0.1f]);

        Assert.Equal([0L, 1L, 1L, 0L], labels);
        Assert.Equal([1f, 0f, 1f, 1f], weights);
    }

    [Fact]
    public void AlignmentUndoesASteadyLeanTowardOneClass()
    {
        var aligned = new PseudoLabels(TwoBalancedClasses, 2, threshold: 0.5f, align: true);
        var plain = new PseudoLabels(TwoBalancedClasses, 2, threshold: 0.5f, align: false);
        // The classifier gives every row class 0 at 0.7 for long enough that the running mean learns it.
        var leaning = Enumerable.Range(0, 64).SelectMany(_ => new[] { 0.7f, 0.3f }).ToArray();
        for (var batch = 0; batch < 1_000; batch++)
        {
            aligned.Choose((float[])leaning.Clone());
            plain.Choose((float[])leaning.Clone());
        }

        // A row at 0.6 is less for class 0 than the classifier's usual: aligned, it is class 1.
        Assert.Equal(1L, aligned.Choose([0.6f, 0.4f]).Labels[0]);
        Assert.Equal(0L, plain.Choose([0.6f, 0.4f]).Labels[0]);
    }

    [Fact]
    public void TheAdaptiveThresholdStartsLowAndRisesWithTheClassifiersConfidence()
    {
        var pseudoLabels = new PseudoLabels(TwoBalancedClasses, 2, threshold: null, align: false);
        Assert.Equal([1f], pseudoLabels.Choose([0.6f, 0.4f]).Weights);

        var confident = Enumerable.Range(0, 64).SelectMany(row => row % 2 == 0 ? new[] { 0.99f, 0.01f } : new[] { 0.01f, 0.99f }).ToArray();
        for (var batch = 0; batch < 1_000; batch++)
        {
            pseudoLabels.Choose((float[])confident.Clone());
        }

        Assert.Equal([0f], pseudoLabels.Choose([0.6f, 0.4f]).Weights);
        Assert.Equal([1f], pseudoLabels.Choose([0.995f, 0.005f]).Weights);
    }
}
