using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>
/// Trains an autoencoder on (mostly) normal rows, fits its score on them and chooses a threshold;
/// the result scores rows by how unlike the training rows the autoencoder finds them (made by
/// <c>mlContext.AnomalyDetection.Trainers.Autoencoder</c>).
/// </summary>
public sealed class AutoencoderAnomalyDetectionTrainer : IEstimator<AutoencoderAnomalyPredictionTransformer>
{
    private readonly IHost _host;
    private readonly AutoencoderAnomalyDetectionOptions _options;
    private readonly ErrorSmoothing? _smoothing;

    internal AutoencoderAnomalyDetectionTrainer(IHostEnvironment environment, AutoencoderAnomalyDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        var added = new[] { options.FeatureContributionsColumnName, options.ReconstructionColumnName }.OfType<string>().ToList();
        foreach (var name in added)
        {
            RequireName(name, name == options.FeatureContributionsColumnName ? nameof(options.FeatureContributionsColumnName) : nameof(options.ReconstructionColumnName));
        }

        var outputs = added.Concat([AutoencoderAnomalyPredictionTransformer.ScoreColumnName, AutoencoderAnomalyPredictionTransformer.PredictedLabelColumnName]).ToList();
        if (outputs.Distinct().Count() != outputs.Count)
        {
            throw new ArgumentException($"The detector's output columns must have distinct names; they are {string.Join(", ", outputs.Select(name => $"'{name}'"))}.", nameof(options));
        }

        var thresholdSettings = new[] { options.Threshold is not null, options.Contamination is not null, options.FalsePositiveRate is not null, options.AutomaticThreshold }
            .Count(set => set);
        if (thresholdSettings > 1)
        {
            throw new ArgumentException(
                $"Set at most one of {nameof(options.Threshold)}, {nameof(options.Contamination)}, {nameof(options.FalsePositiveRate)} and {nameof(options.AutomaticThreshold)}.",
                nameof(options));
        }

        RequireFraction(options.Contamination, nameof(options.Contamination));
        RequireFraction(options.FalsePositiveRate, nameof(options.FalsePositiveRate));
        if (options.Threshold is { } threshold && !float.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), threshold, $"{nameof(options.Threshold)} must be a finite number.");
        }

        if (options.FalsePositiveRate is not null && options.ValidationFraction <= 0f)
        {
            throw new ArgumentException(
                $"{nameof(options.FalsePositiveRate)} is calibrated on held-out rows, so {nameof(options.ValidationFraction)} must be above 0.", nameof(options));
        }

        if (!Enum.IsDefined(options.Score))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Score, $"{nameof(options.Score)} is not a known anomaly score.");
        }

        if (options.Score == AnomalyScore.SmoothedReconstructionError)
        {
            if (options.ImageShape is null)
            {
                throw new ArgumentException($"{nameof(options.Score)} {options.Score} smooths images, so it needs the rows' {nameof(options.ImageShape)}.", nameof(options));
            }

            _smoothing = new ErrorSmoothing(options.ImageShape, options.ErrorSmoothingSigma);
        }

        if (options.LatentDimension is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LatentDimension, $"{nameof(options.LatentDimension)} must be at least 1.");
        }

        _host = environment.Register(nameof(AutoencoderAnomalyDetectionTrainer));
        _options = options.Copy();
    }

    /// <summary>Trains the autoencoder on every row of the feature column (less the validation share), fits the score and sets the threshold.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a Single vector of known size.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the row and slot), or there are too few rows.</exception>
    public AutoencoderAnomalyPredictionTransformer Fit(IDataView input)
    {
        var fitted = AutoencoderFitting.Fit(_host, _options, input, _options.FeatureColumnName);
        var model = new SharedModel(fitted.Model);
        try
        {
            var scorer = AnomalyScorer.Fit(_options.Score, fitted.Model, fitted.Training, _smoothing);
            var threshold = _options.Threshold ?? ChooseThreshold(rows => scorer.ScoreChunks(fitted.Model, rows), fitted.Training, fitted.Validation);
            if (!float.IsFinite(threshold))
            {
                throw new InvalidOperationException(
                    $"The detector's threshold came out {threshold}: its scores of the training rows are not all finite numbers. Scale the features (e.g. NormalizeMinMax), or set {nameof(_options.Threshold)}.");
            }

            return new AutoencoderAnomalyPredictionTransformer(model, scorer, _options.FeatureColumnName, threshold,
                _options.FeatureContributionsColumnName, _options.ReconstructionColumnName, fitted.History);
        }
        catch
        {
            model.Release();
            throw;
        }
    }

    private float ChooseThreshold(Func<IFeatureSource, IEnumerable<float[]>> score, IFeatureSource training, IFeatureSource? validation)
    {
        if (_options.FalsePositiveRate is { } rate)
        {
            return AnomalyThreshold.UpperQuantile(new ScorePasses(() => score(validation!)), rate);
        }

        var scores = new ScorePasses(() => validation is null ? score(training) : score(training).Concat(score(validation)));
        return _options.AutomaticThreshold
            ? AnomalyThreshold.RobustUpperFence(scores, AutoencoderAnomalyDetectionOptions.AutomaticThresholdDeviations)
            : AnomalyThreshold.UpperQuantile(scores, _options.Contamination ?? AutoencoderAnomalyDetectionOptions.DefaultContamination);
    }

    /// <summary>The input schema with <c>Score</c>, <c>PredictedLabel</c> and the optional per-feature columns added.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a Single vector of known size.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        FeatureColumn.Require(inputSchema, _options.FeatureColumnName);
        var output = SchemaShapes.AnomalyScore(inputSchema, _options.FeatureColumnName);
        foreach (var name in new[] { _options.FeatureContributionsColumnName, _options.ReconstructionColumnName }.OfType<string>())
        {
            output = SchemaShapes.Vector(output, name, _options.FeatureColumnName);
        }

        return output;
    }

    private static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{option} needs a column name.", option);
        }
    }

    private static void RequireFraction(float? value, string name)
    {
        if (value is { } fraction && !(fraction > 0f && fraction < 1f))
        {
            throw new ArgumentOutOfRangeException(name, fraction, $"{name} must be in (0, 1) (it is {fraction}).");
        }
    }
}
