using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// A fitted autoencoder anomaly detector. Adds <c>Score</c> (higher = more anomalous: by
/// default each row's mean squared reconstruction error, see <see cref="ScoreKind"/>), <c>PredictedLabel</c> (score above
/// <see cref="Threshold"/>) and, when asked for, per-feature errors. Safe to use from several
/// threads; dispose it to free the native model.
/// </summary>
public sealed class AnomalyPredictionTransformer : ITransformer, IPersistableTransformer, IOnnxExportable, IDisposable
{
    internal const string Kind = "anomaly";

    private readonly SharedModel _model;
    private readonly CodeAndErrorLikelihood? _likelihood;
    private readonly SmoothedImageDifference? _smoothing;
    private int _disposed;

    internal AnomalyPredictionTransformer(AutoencoderModel model, string featureColumnName, float threshold, string? featureContributionsColumnName,
        string? reconstructionColumnName, AnomalyScore scoreKind, int elboSamples, CodeAndErrorLikelihood? likelihood, SmoothedImageDifference? smoothing,
        IReadOnlyList<EpochProgress> trainingHistory)
        : this(new SharedModel(model), featureColumnName, threshold, featureContributionsColumnName, reconstructionColumnName, scoreKind, elboSamples, likelihood, smoothing, trainingHistory)
    {
    }

    private AnomalyPredictionTransformer(SharedModel model, string featureColumnName, float threshold, string? featureContributionsColumnName,
        string? reconstructionColumnName, AnomalyScore scoreKind, int elboSamples, CodeAndErrorLikelihood? likelihood, SmoothedImageDifference? smoothing,
        IReadOnlyList<EpochProgress> trainingHistory)
    {
        if ((scoreKind == AnomalyScore.NegativeLogLikelihood) != (likelihood is not null))
        {
            throw new ArgumentException($"The {nameof(AnomalyScore.NegativeLogLikelihood)} score needs its fitted statistics, and only it has them.", nameof(likelihood));
        }

        if ((scoreKind == AnomalyScore.SmoothedReconstructionError) != (smoothing is not null))
        {
            throw new ArgumentException($"The {nameof(AnomalyScore.SmoothedReconstructionError)} score needs its smoothing, and only it has one.", nameof(smoothing));
        }

        _model = model;
        _likelihood = likelihood;
        _smoothing = smoothing;
        ScoreKind = scoreKind;
        ElboSamples = elboSamples;
        FeatureColumnName = featureColumnName;
        Threshold = threshold;
        FeatureContributionsColumnName = featureContributionsColumnName;
        ReconstructionColumnName = reconstructionColumnName;
        TrainingHistory = trainingHistory;
    }

    /// <summary>The trained autoencoder (shared with detectors made from this one by <c>ChangeModelThreshold</c>).</summary>
    public AutoencoderModel Model => _model.Model;

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Rows scoring above this are predicted anomalies.</summary>
    public float Threshold { get; }

    /// <summary>What <c>Score</c> measures.</summary>
    public AnomalyScore ScoreKind { get; }

    /// <summary>The smoothing of the <see cref="AnomalyScore.SmoothedReconstructionError"/> score (its image shape and Gaussian), else null.</summary>
    public SmoothedImageDifference? ErrorSmoothing => _smoothing;

    /// <summary>Draws of the code per row for the negative-ELBO score.</summary>
    public int ElboSamples { get; }

    /// <summary>The per-feature error column produced, or null.</summary>
    public string? FeatureContributionsColumnName { get; }

    /// <summary>The reconstruction column produced, or null.</summary>
    public string? ReconstructionColumnName { get; }

    /// <summary>The losses of each training epoch; a loaded model keeps them (empty for files saved before models kept them).</summary>
    public IReadOnlyList<EpochProgress> TrainingHistory { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, FeatureColumnName, Model.InputWidth);
        return inputSchema.With(OutputColumns(Model.InputWidth, FeatureContributionsColumnName, ReconstructionColumnName, inputSchema[FeatureColumnName].SlotNamesOnly));
    }

    /// <summary>
    /// The columns a detector adds: Score, PredictedLabel and, when asked for, the per-feature errors
    /// and the reconstruction (both named as the features' slots are).
    /// </summary>
    internal static DataViewSchema.DetachedColumn[] OutputColumns(int inputWidth, string? featureContributionsColumnName, string? reconstructionColumnName,
        DataViewSchema.Annotations? featureSlotNames) =>
    [
        new(AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single),
        new(AutoencoderDefaults.PredictedLabelColumnName, BooleanDataViewType.Instance),
        .. new[] { featureContributionsColumnName, reconstructionColumnName }.OfType<string>()
            .Select(name => new DataViewSchema.DetachedColumn(name, new VectorDataViewType(inputWidth), featureSlotNames)),
    ];

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var columns = OutputColumns(Model.InputWidth, FeatureContributionsColumnName, ReconstructionColumnName, input.Schema[FeatureColumnName].SlotNamesOnly);
        return new MappedDataView(input, [FeatureColumnName], columns, block =>
        {
            var features = SchemaRequirements.BlockFeatures(block, FeatureColumnName);
            var (scores, contributions, reconstructions) = Score(features, FeatureContributionsColumnName is not null, ReconstructionColumnName is not null);
            var predicted = Array.ConvertAll(scores, score => score > Threshold);
            return [scores, predicted, .. new[] { contributions, reconstructions }.OfType<float[]>()];
        });
    }

    /// <summary>The score of every row of <paramref name="data"/>, in one streamed pass.</summary>
    internal float[] Scores(IDataView data)
    {
        var scores = new List<float>();
        foreach (var block in DataViewReading.Blocks(data, [data.Schema[FeatureColumnName]]))
        {
            scores.AddRange(Score(SchemaRequirements.BlockFeatures(block, FeatureColumnName), withContributions: false, withReconstructions: false).Scores);
        }

        return scores.ToArray();
    }

    /// <summary>
    /// Each row's score and, when asked for, each feature's part in it and each row's
    /// reconstruction (else null).
    /// </summary>
    internal (float[] Scores, float[]? Contributions, float[]? Reconstructions) Score(FeatureMatrix features, bool withContributions, bool withReconstructions)
    {
        if (features.Rows == 0)
        {
            return ([], withContributions ? [] : null, withReconstructions ? [] : null);
        }

        if (_likelihood is not null)
        {
            var codes = Model.Encode(features);
            var decoded = Model.Decode(codes);
            var (scores, weightedErrors) = _likelihood.Score(codes, SquaredErrors(features, decoded));
            return (scores, withContributions ? weightedErrors : null, withReconstructions ? decoded.Array : null);
        }

        if (_smoothing is not null)
        {
            var reconstructed = Model.Reconstruct(features);
            var smoothedErrors = _smoothing.SquaredErrors(features, reconstructed);
            return (RowMeans(smoothedErrors, features.Columns), withContributions ? smoothedErrors : null, withReconstructions ? reconstructed.Array : null);
        }

        if (!withContributions && !withReconstructions)
        {
            return (ComputeScores(features), null, null);
        }

        var reconstruction = Model.Reconstruct(features);
        var errors = SquaredErrors(features, reconstruction);
        var rowScores = ScoreKind == AnomalyScore.ReconstructionError ? RowMeans(errors, features.Columns) : ComputeScores(features);
        return (rowScores, withContributions ? errors : null, withReconstructions ? reconstruction.Array : null);
    }

    string? IOnnxExportable.OnnxRefusal => ScoreKind == AnomalyScore.NegativeElbo
        ? "its score, the negative ELBO, averages random draws of the code that ONNX Runtime would not draw alike (score by reconstruction error to export)"
        : null;

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var features = context.Read(FeatureColumnName);
        var code = AutoencoderOnnxGraph.Encode(context, Model, features);
        var reconstruction = AutoencoderOnnxGraph.Decode(context, Model, code);
        var difference = context.Node("Sub", [features, reconstruction], "difference");
        var squaredErrors = _smoothing is null ? context.Node("Mul", [difference, difference], "squared_errors") : SmoothedErrorScore.ExportSquaredErrors(context, difference, _smoothing);
        var (score, contributions) = _likelihood is not null
            ? _likelihood.ExportToOnnx(context, code, squaredErrors)
            : (context.Node("ReduceMean", [squaredErrors], AutoencoderDefaults.ScoreColumnName, OnnxAttributes.Ints("axes", 1), OnnxAttributes.Int("keepdims", 1)), squaredErrors);

        context.Write(AutoencoderDefaults.ScoreColumnName, score);
        context.Write(AutoencoderDefaults.PredictedLabelColumnName, ExportDecision(context, score, Threshold));
        if (FeatureContributionsColumnName is not null)
        {
            context.Write(FeatureContributionsColumnName, contributions);
        }

        if (ReconstructionColumnName is not null)
        {
            context.Write(ReconstructionColumnName, reconstruction);
        }
    }

    /// <summary>The ONNX value of every detector's decision: <paramref name="score"/> above <paramref name="threshold"/>.</summary>
    internal static string ExportDecision(OnnxExportContext context, string score, float threshold) =>
        context.Node("Greater", [score, context.Constant("threshold", [threshold], 1)], AutoencoderDefaults.PredictedLabelColumnName);

    /// <summary>The same detector with another threshold, sharing the model: it stays usable until both are disposed.</summary>
    internal AnomalyPredictionTransformer WithThreshold(float threshold)
    {
        if (!float.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite number.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new AnomalyPredictionTransformer(_model.Acquire(), FeatureColumnName, threshold, FeatureContributionsColumnName, ReconstructionColumnName, ScoreKind, ElboSamples, _likelihood, _smoothing, TrainingHistory);
    }

    /// <summary>The model's own score of each row: mean squared reconstruction error, or negative ELBO.</summary>
    private float[] ComputeScores(FeatureMatrix features) =>
        ScoreKind == AnomalyScore.NegativeElbo ? Model.ComputeNegativeElbo(features, ElboSamples, seed: 0) : Model.ComputeReconstructionErrors(features);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Release();
        }
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["features"] = FeatureColumnName,
        ["threshold"] = Threshold,
        ["contributions"] = FeatureContributionsColumnName,
        ["reconstruction"] = ReconstructionColumnName,
        ["score"] = ScoreKind.ToString(),
        ["elboSamples"] = ElboSamples,
        ["likelihood"] = _likelihood?.Save(),
        ["smoothing"] = _smoothing is null ? null : SmoothedErrorScore.Save(_smoothing),
        ["autoencoder"] = context.SaveAutoencoder(Model),
        ["trainingHistory"] = ModelSaveContext.SaveTrainingHistory(TrainingHistory),
    };

    internal static AnomalyPredictionTransformer Load(JsonObject json, ModelLoadContext context)
    {
        var threshold = (float)json["threshold"]!;
        if (!float.IsFinite(threshold))
        {
            throw context.Corrupt("the anomaly threshold is not a finite number");
        }

        var scoreKind = Enum.Parse<AnomalyScore>((string)json["score"]!);
        var history = context.LoadTrainingHistory(json["trainingHistory"]);
        var model = context.LoadAutoencoder(json["autoencoder"]);
        CodeAndErrorLikelihood? likelihood = null;
        if (scoreKind == AnomalyScore.NegativeLogLikelihood)
        {
            likelihood = CodeAndErrorLikelihood.Load(json["likelihood"], model.InputWidth, model.LatentWidth);
            if (likelihood is null)
            {
                model.Dispose();
                throw context.Corrupt("the negative log-likelihood score's statistics are missing, not finite or do not fit the autoencoder");
            }
        }

        SmoothedImageDifference? smoothing = null;
        if (scoreKind == AnomalyScore.SmoothedReconstructionError)
        {
            smoothing = SmoothedErrorScore.Load(json["smoothing"], model.InputWidth);
            if (smoothing is null)
            {
                model.Dispose();
                throw context.Corrupt("the smoothed reconstruction error score's image shape or Gaussian is missing, out of range or does not fit the autoencoder");
            }
        }

        return new AnomalyPredictionTransformer(model, (string)json["features"]!, threshold, (string?)json["contributions"],
            (string?)json["reconstruction"], scoreKind, (int)json["elboSamples"]!, likelihood, smoothing, history);
    }

    /// <summary>The mean of each row of <paramref name="values"/>: from the squared errors, the mean squared reconstruction error.</summary>
    private static float[] RowMeans(float[] values, int width)
    {
        var means = new float[values.Length / width];
        for (var row = 0; row < means.Length; row++)
        {
            double sum = 0;
            foreach (var value in values.AsSpan(row * width, width))
            {
                sum += value;
            }

            means[row] = (float)(sum / width);
        }

        return means;
    }

    /// <summary>Each value's squared difference from its reconstruction (rows x width, row-major).</summary>
    internal static float[] SquaredErrors(FeatureMatrix features, FeatureMatrix reconstruction)
    {
        var errors = new float[features.Values.Length];
        for (var i = 0; i < errors.Length; i++)
        {
            var difference = features.Values[i] - reconstruction.Values[i];
            errors[i] = difference * difference;
        }

        return errors;
    }
}
