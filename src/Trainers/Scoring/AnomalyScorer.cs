using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// Scores rows by how anomalous a trained autoencoder finds them (<see cref="Kind"/>; higher = more
/// anomalous), with each feature's part in the score and, when asked for, the reconstruction, in one
/// pass of the network per batch of rows.
/// </summary>
public sealed class AnomalyScorer
{
    private AnomalyScorer(AnomalyScore kind, CodeAndErrorLikelihood? likelihood = null, ErrorSmoothing? smoothing = null)
    {
        Kind = kind;
        Likelihood = likelihood;
        Smoothing = smoothing;
    }

    /// <summary>The mean squared reconstruction error, which needs nothing fitted.</summary>
    public static AnomalyScorer ReconstructionError { get; } = new(AnomalyScore.ReconstructionError);

    /// <summary>What the score measures.</summary>
    public AnomalyScore Kind { get; }

    /// <summary>The fitted statistics of <see cref="AnomalyScore.NegativeLogLikelihood"/>, else null.</summary>
    public CodeAndErrorLikelihood? Likelihood { get; }

    /// <summary>The smoothing of <see cref="AnomalyScore.SmoothedReconstructionError"/>, else null.</summary>
    public ErrorSmoothing? Smoothing { get; }

    /// <summary>
    /// The scorer of <paramref name="kind"/>, fitting what it needs on <paramref name="model"/>'s
    /// training <paramref name="rows"/>; <paramref name="smoothing"/> is the smoothed score's and only its.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not an <see cref="AnomalyScore"/>, or the smoothing does not go with it or with the model.</exception>
    public static AnomalyScorer Fit(AnomalyScore kind, AutoencoderModel model, IFeatureSource rows, ErrorSmoothing? smoothing = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((kind == AnomalyScore.SmoothedReconstructionError) != (smoothing is not null))
        {
            throw new ArgumentException($"The {nameof(AnomalyScore.SmoothedReconstructionError)} score needs a smoothing, and only it takes one.", nameof(smoothing));
        }

        if (smoothing is not null && smoothing.Shape.Size != model.InputWidth)
        {
            throw new ArgumentException($"Images of {smoothing.Shape} hold {smoothing.Shape.Size} values; the model's rows hold {model.InputWidth}.", nameof(smoothing));
        }

        return kind switch
        {
            AnomalyScore.ReconstructionError => ReconstructionError,
            AnomalyScore.NegativeLogLikelihood => new AnomalyScorer(kind, likelihood: CodeAndErrorLikelihood.Fit(model, rows)),
            AnomalyScore.SmoothedReconstructionError => new AnomalyScorer(kind, smoothing: smoothing),
            _ => throw new ArgumentException($"{kind} is not a known anomaly score.", nameof(kind)),
        };
    }

    /// <summary>
    /// Scores whole rows of <paramref name="model"/>'s input: one score per row into
    /// <paramref name="scores"/>, and where not null each feature's contribution and each row's
    /// reconstruction (<see cref="AutoencoderModel.InputWidth"/> values per row).
    /// </summary>
    public void Score(AutoencoderModel model, ReadOnlySpan<float> rows, float[] scores, float[]? contributions = null, float[]? reconstructions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scores);
        var width = model.InputWidth;
        model.Map(rows, [scores, contributions, reconstructions], [1, width, width], (network, x) =>
        {
            var code = network.Encode(x);
            var reconstruction = network.Decode(code);
            var difference = x - reconstruction;
            var (score, contribution) = Compute(code, (Smoothing?.Smooth(difference) ?? difference).Squared());
            return [score, contribution, reconstruction];
        });
    }

    /// <summary>The scores of the rows of one pass over <paramref name="rows"/>, a chunk at a time, in the order the pass gives them.</summary>
    public IEnumerable<float[]> ScoreChunks(AutoencoderModel model, IFeatureSource rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var chunk in rows.ReadChunks(0))
        {
            var scores = new float[chunk.Rows];
            Score(model, chunk.Values, scores);
            yield return scores;
        }
    }

    private (Tensor Score, Tensor Contributions) Compute(Tensor code, Tensor squaredErrors)
    {
        if (Likelihood is not { } likelihood)
        {
            return (squaredErrors.mean([1]), squaredErrors);
        }

        var latent = likelihood.CodeMean.Count;
        var weighted = squaredErrors * tensor(likelihood.InverseResidualVariance);
        var centered = code - tensor(likelihood.CodeMean.ToArray());
        var precision = tensor(likelihood.CodePrecision.ToArray()).reshape(latent, latent);
        var codeTerm = (centered.matmul(precision) * centered).sum([1], type: ScalarType.Float32);
        return (weighted.sum([1], type: ScalarType.Float32).Plus(codeTerm), weighted);
    }
}
