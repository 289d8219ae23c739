namespace Autoencoders.Data;

/// <summary>Reading a row's per-class scores.</summary>
internal static class ClassScores
{
    /// <summary>The class with the highest score (the first, on a tie): the predicted class.</summary>
    public static int Highest(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best]) best = k;
        }

        return best;
    }
}
