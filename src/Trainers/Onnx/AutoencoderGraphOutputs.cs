namespace Autoencoders.Trainers.Onnx;

/// <summary>
/// The outputs an exported autoencoder graph writes, each named exactly as given (null leaves it
/// out), how its anomaly outputs are computed, and the training history it records.
/// </summary>
public sealed record AutoencoderGraphOutputs
{
    /// <summary>The code (<see cref="AutoencoderModel.LatentWidth"/> values).</summary>
    public string? Code { get; init; }

    /// <summary>The reconstruction (<see cref="AutoencoderModel.InputWidth"/> values).</summary>
    public string? Reconstruction { get; init; }

    /// <summary>The anomaly score of <see cref="Scorer"/> (one value).</summary>
    public string? Score { get; init; }

    /// <summary>Each feature's part in the score (<see cref="AutoencoderModel.InputWidth"/> values).</summary>
    public string? Contributions { get; init; }

    /// <summary>Whether the score is above <see cref="Threshold"/> or is not a number (one Boolean).</summary>
    public string? Anomaly { get; init; }

    /// <summary>How the score is computed. Defaults to the mean squared reconstruction error.</summary>
    public AnomalyScorer Scorer { get; init; } = AnomalyScorer.ReconstructionError;

    /// <summary>The score above which <see cref="Anomaly"/> is true.</summary>
    public float Threshold { get; init; }

    /// <summary>The training history the graph records in its metadata (for reports on a loaded model). Defaults to none.</summary>
    public IReadOnlyList<EpochProgress> History { get; init; } = [];

    /// <summary>Every output name given, in the order above.</summary>
    public IEnumerable<string> Names => new[] { Code, Reconstruction, Score, Contributions, Anomaly }.OfType<string>();
}
