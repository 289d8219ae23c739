using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// A table of 8 measurements driven by 2 hidden factors (each measurement a different smooth
/// function of them, plus noise), as sensors of one machine are; an anomaly breaks the relation
/// between the measurements while each stays in its normal range.
/// </summary>
public sealed class TabularRows
{
    /// <summary>Measurements per row.</summary>
    public const int Width = 8;

    /// <summary>The measurements.</summary>
    [VectorType(Width)]
    public float[] Features { get; set; } = [];

    /// <summary>1 for an anomaly, 0 for a normal row (the Single label AnomalyDetection.Evaluate reads).</summary>
    public float Label { get; set; }

    /// <summary><paramref name="normal"/> normal rows, then <paramref name="anomalies"/> anomalies, drawn with <paramref name="seed"/>.</summary>
    public static TabularRows[] Make(int normal, int anomalies, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, normal).Select(_ => Row(random, anomaly: false)), .. Enumerable.Range(0, anomalies).Select(_ => Row(random, anomaly: true))];
    }

    private static TabularRows Row(Random random, bool anomaly)
    {
        var (a, b) = (random.NextSingle(), random.NextSingle());
        float[] values =
        [
            a, b, a * b, (a + b) / 2, MathF.Sin(3 * a), MathF.Cos(2 * b), a * a, MathF.Sqrt(b),
        ];
        if (anomaly)
        {
            // Two measurements take the values of another row: each plausible alone, together not.
            var (c, d) = (random.NextSingle(), random.NextSingle());
            values[2] = c * d;
            values[6] = c * c;
        }

        return new TabularRows { Features = values.Select(v => v + 0.01f * (random.NextSingle() - 0.5f)).ToArray(), Label = anomaly ? 1f : 0f };
    }
}
