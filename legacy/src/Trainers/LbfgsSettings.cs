namespace Autoencoders.Trainers;

/// <summary>
/// How <see cref="LinearClassifier.Fit"/> optimizes, with the meanings of ML.NET's L-BFGS trainers:
/// the objective is (sum of the rows' weighted losses + <paramref name="L2"/> / 2 |W|²) / the rows'
/// weight sum + <paramref name="L1"/> / rows |W|₁, the biases not regularized.
/// </summary>
/// <param name="L1">The L1 weight (0 or more); above 0, many weights end at exactly zero.</param>
/// <param name="L2">The L2 weight (0 or more).</param>
/// <param name="Tolerance">Stops when the objective's improvement, averaged over the last 5 iterations, is at most this share of its value (above 0).</param>
/// <param name="HistorySize">The past steps the inverse-Hessian estimate keeps (1 or more).</param>
/// <param name="MaximumIterations">The most iterations (1 or more).</param>
/// <param name="NonNegative">Whether the weights (not the biases) are kept at or above zero.</param>
public sealed record LbfgsSettings(float L1 = 1f, float L2 = 1f, float Tolerance = 1e-7f, int HistorySize = 20, int MaximumIterations = int.MaxValue, bool NonNegative = false)
{
    /// <summary>Throws when a setting is out of its range, naming it.</summary>
    public void Validate()
    {
        RequireAtLeastZero(L1, nameof(L1));
        RequireAtLeastZero(L2, nameof(L2));
        if (!(Tolerance > 0) || !float.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be a finite number above 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(HistorySize, 1, nameof(HistorySize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumIterations, 1, nameof(MaximumIterations));
    }

    private static void RequireAtLeastZero(float weight, string name)
    {
        if (!(weight >= 0) || !float.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(name, weight, $"The {name} weight must be a finite number, 0 or more.");
        }
    }
}
