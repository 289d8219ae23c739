using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>The detector's thresholds: the same as sorting the scores would give, past 2^31 rows too, in memory that does not grow with them.</summary>
public sealed class AnomalyThresholdTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(999, 2)]
    [InlineData(1000, 3)]
    [InlineData(5000, 4)]
    public void ThresholdsAreWhatSortingTheScoresGives(int count, int seed)
    {
        var random = new Random(seed);
        // Negative, positive and tied scores, with zeros of both signs.
        var scores = Enumerable.Range(0, count).Select(_ => random.Next(4) switch
        {
            0 => -random.NextSingle() * 10,
            1 => MathF.Round(random.NextSingle() * 20) / 4,
            2 => random.Next(2) == 0 ? 0f : -0f,
            _ => random.NextSingle() * 1e6f,
        }).ToArray();
        var sorted = scores.Order().ToArray();

        foreach (var share in new[] { 0.001f, 0.05f, 0.1f, 0.5f, 0.999f })
        {
            var highestKept = Math.Clamp(count - 1 - (int)Math.Floor(share * (double)count), 0, count - 1);
            var expected = highestKept + 1 < count ? (float)((sorted[highestKept] + (double)sorted[highestKept + 1]) / 2) : sorted[highestKept];
            Assert.Equal(expected, AnomalyThreshold.UpperQuantile(InChunks(scores), share));
        }

        var median = Median(sorted.Select(score => (double)score).ToArray());
        var deviations = scores.Select(score => (float)Math.Abs(score - median)).Order().Select(deviation => (double)deviation).ToArray();
        var spread = 1.4826 * Median(deviations);
        spread = spread == 0 ? Math.Sqrt(Math.PI / 2) * deviations.Average() : spread;
        Assert.Equal((float)(median + 2.5 * spread), AnomalyThreshold.RobustUpperFence(InChunks(scores), 2.5f));
    }

    [Fact]
    public void WhenMostScoresTieTheMeanDeviationStandsInForTheMedianOne()
    {
        float[] scores = [1, 1, 1, 1, 1, 1, 1, 5, 9];
        var meanDeviation = (4.0 + 8.0) / scores.Length;
        Assert.Equal((float)(1 + 2 * Math.Sqrt(Math.PI / 2) * meanDeviation), AnomalyThreshold.RobustUpperFence(InChunks(scores), 2), 5);
    }

    [Fact]
    public void AThresholdOverMoreThanTwoToTheThirtyOneScoresIsExact()
    {
        // 2,049 copies of the scores 0 .. 2^20 - 1: 2^31 + 2^20 scores, each k-th smallest is k / 2,049.
        const long copies = 2049, distinct = 1 << 20, count = copies * distinct;
        Assert.True(count > int.MaxValue);
        var chunk = Enumerable.Range(0, (int)distinct).Select(value => (float)value).ToArray();
        var passes = 0;
        var scores = new ScorePasses(() =>
        {
            passes++;
            return Enumerable.Repeat(chunk, (int)copies);
        });

        var highestKept = count - 1 - (long)Math.Floor(0.1 * count);
        Assert.Equal((float)((highestKept / copies + (highestKept + 1) / copies) / 2.0), AnomalyThreshold.UpperQuantile(scores, 0.1f));
        Assert.Equal(2, passes);
    }

    [Fact]
    public void FewScoresAreComputedOnceAndManyAgainForEachPass()
    {
        var computed = 0;
        var few = new ScorePasses(() =>
        {
            computed++;
            return [[3f, 1f], [2f]];
        });
        Assert.Equal(2f, AnomalyThreshold.RobustUpperFence(few, 0f));
        Assert.Equal(1, computed);

        computed = 0;
        var block = new float[ScorePasses.KeptScores / 4];
        var many = new ScorePasses(() =>
        {
            computed++;
            return Enumerable.Repeat(block, 5);
        });
        Assert.Equal(0f, AnomalyThreshold.UpperQuantile(many, 0.5f));
        Assert.Equal(2, computed);
    }

    /// <summary>The scores in chunks of up to 7, as the scorer gives them a chunk at a time.</summary>
    private static ScorePasses InChunks(float[] scores) => new(() => scores.Chunk(7));

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
