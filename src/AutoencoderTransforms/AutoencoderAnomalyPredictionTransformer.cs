using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// A fitted autoencoder anomaly detector. Adds <c>Score</c> (Single, higher = more anomalous; what it
/// measures is <see cref="Scorer"/>'s kind), <c>PredictedLabel</c> (Boolean: the score is above
/// <see cref="Threshold"/>, or is not a number) and, when asked for, each feature's part in the score and each row's
/// reconstruction, as ML.NET's anomaly detectors do, so <c>mlContext.AnomalyDetection.Evaluate</c>
/// reads its output. Lazy and mini-batched; safe to use from several threads. Saved by
/// <c>mlContext.Model.Save</c> as ML.NET's OnnxTransformer over the detector's ONNX graph and a
/// small mapping from the Autoencoders.Scoring assembly, which the loading program needs beside ML.NET.
/// In process, NaN or infinite features are refused with an error naming row and slot; after
/// <c>Model.Load</c>, where ONNX Runtime scores without checking, they give a NaN score and a
/// <c>PredictedLabel</c> of true: such a row is never counted as normal.
/// </summary>
public sealed class AutoencoderAnomalyPredictionTransformer : AutoencoderTransformerBase, IDisposable
{
    /// <summary>The score column.</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>The decision column.</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    private readonly SharedModel _model;
    private int _disposed;

    internal AutoencoderAnomalyPredictionTransformer(SharedModel model, AnomalyScorer scorer, string featureColumnName, float threshold,
        string? featureContributionsColumnName, string? reconstructionColumnName, IReadOnlyList<EpochProgress> history)
    {
        _model = model;
        Scorer = scorer;
        FeatureColumnName = featureColumnName;
        Threshold = threshold;
        FeatureContributionsColumnName = featureContributionsColumnName;
        ReconstructionColumnName = reconstructionColumnName;
        History = history;
    }

    /// <summary>The trained autoencoder, shared with detectors made from this one by <c>ChangeModelThreshold</c>.</summary>
    public AutoencoderModel Model => _model.Model;

    /// <summary>How rows are scored.</summary>
    public AnomalyScorer Scorer { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Rows scoring above this are predicted anomalies.</summary>
    public float Threshold { get; }

    /// <summary>The column of each feature's part in the score, or null.</summary>
    public string? FeatureContributionsColumnName { get; }

    /// <summary>The reconstruction column, or null.</summary>
    public string? ReconstructionColumnName { get; }

    /// <summary>Each training epoch's losses.</summary>
    public IReadOnlyList<EpochProgress> History { get; }

    /// <summary>The same detector deciding at <paramref name="threshold"/>, sharing the model: it stays usable until both are disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not finite.</exception>
    /// <exception cref="ObjectDisposedException">This detector is disposed.</exception>
    internal AutoencoderAnomalyPredictionTransformer WithThreshold(float threshold)
    {
        if (!float.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite number.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new AutoencoderAnomalyPredictionTransformer(_model.Acquire(), Scorer, FeatureColumnName, threshold, FeatureContributionsColumnName,
            ReconstructionColumnName, History);
    }

    /// <inheritdoc />
    private protected override BatchMapping Mapping(DataViewSchema inputSchema)
    {
        FeatureColumn.RequireWidth(inputSchema, FeatureColumnName, Model.InputWidth);
        var slotNames = MappedColumn.SlotNamesOf(inputSchema[FeatureColumnName]);
        var perFeature = new[] { FeatureContributionsColumnName, ReconstructionColumnName };
        return new BatchMapping(FeatureColumnName, Model.InputWidth,
        [
            MappedColumn.Single(ScoreColumnName),
            MappedColumn.Boolean(PredictedLabelColumnName),
            .. perFeature.OfType<string>().Select(name => MappedColumn.Vector(name, Model.InputWidth, slotNames)),
        ],
        (rows, outputs) =>
        {
            var scores = outputs[0] ?? new float[rows.Length / Model.InputWidth];
            var contributions = FeatureContributionsColumnName is null ? null : outputs[2];
            var reconstructions = ReconstructionColumnName is null ? null : outputs[^1];
            Scorer.Score(Model, rows, scores, contributions, reconstructions);
            if (outputs[1] is { } decisions)
            {
                for (var i = 0; i < rows.Length / Model.InputWidth; i++)
                {
                    decisions[i] = scores[i] <= Threshold ? 0f : 1f;
                }
            }
        });
    }

    /// <inheritdoc />
    private protected override OnnxHandOff.SavedForm SavedForm() => OnnxHandOff.Transformer(Model, FeatureColumnName, new AutoencoderGraphOutputs
    {
        Score = ScoreColumnName,
        Anomaly = PredictedLabelColumnName,
        Contributions = FeatureContributionsColumnName,
        Reconstruction = ReconstructionColumnName,
        Scorer = Scorer,
        Threshold = Threshold,
        History = History,
    });

    /// <summary>Lets go of the autoencoder; its native memory is freed when no detector made from this one holds it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Release();
        }
    }
}
