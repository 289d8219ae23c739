namespace Autoencoders.Trainers;

/// <summary>
/// Trains an autoencoder on (mostly) normal rows and calibrates a threshold on their
/// reconstruction errors; the result scores rows by how badly they are reconstructed.
/// </summary>
public sealed class AutoencoderAnomalyDetectionTrainer : IEstimator<AnomalyPredictionTransformer>
{
    private readonly AutoencoderAnomalyDetectionOptions _options;
    private readonly int _seed;

    internal AutoencoderAnomalyDetectionTrainer(MLContext context, AutoencoderAnomalyDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SchemaRequirements.RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        if (options.FeatureContributionsColumnName is not null)
        {
            SchemaRequirements.RequireName(options.FeatureContributionsColumnName, nameof(options.FeatureContributionsColumnName));
        }

        if (options.ReconstructionColumnName is not null)
        {
            SchemaRequirements.RequireName(options.ReconstructionColumnName, nameof(options.ReconstructionColumnName));
            if (options.ReconstructionColumnName == options.FeatureContributionsColumnName)
            {
                throw new ArgumentException($"The reconstruction and the feature contributions cannot both be column '{options.ReconstructionColumnName}'.", nameof(options));
            }
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
            throw new ArgumentOutOfRangeException(nameof(options.Threshold), threshold, $"{nameof(options.Threshold)} must be a finite number.");
        }

        if (options.FalsePositiveRate is not null && options.ValidationFraction <= 0f)
        {
            throw new ArgumentException(
                $"{nameof(options.FalsePositiveRate)} is calibrated on held-out rows, so {nameof(options.ValidationFraction)} must be above 0.", nameof(options));
        }

        if (!Enum.IsDefined(options.Score) || (options.Score == AnomalyScore.NegativeElbo && !options.Variational))
        {
            throw new ArgumentOutOfRangeException(nameof(options.Score), options.Score,
                $"{nameof(options.Score)} {options.Score} needs a variational autoencoder ({nameof(options.Variational)} = true).");
        }

        if (options.Score == AnomalyScore.SmoothedReconstructionError && options.ImageShape is null)
        {
            throw new ArgumentException(
                $"{nameof(options.Score)} {options.Score} smooths images, so it needs the rows' {nameof(options.ImageShape)}.", nameof(options));
        }

        ImageProcessing.RequireSigma(options.ErrorSmoothingSigma, allowNone: false, nameof(options.ErrorSmoothingSigma));
        if (options.ElboSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options.ElboSamples), options.ElboSamples, $"{nameof(options.ElboSamples)} must be at least 1.");
        }

        _options = options;
        _seed = options.Seed ?? context.NextSeed();
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        var spec = AutoencoderFitting.Spec(_options, inputSchema, _options.FeatureColumnName);
        return inputSchema.With(AnomalyPredictionTransformer.OutputColumns(spec.InputWidth, _options.FeatureContributionsColumnName, _options.ReconstructionColumnName, inputSchema[_options.FeatureColumnName].SlotNamesOnly));
    }

    /// <inheritdoc />
    public AnomalyPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fitted = AutoencoderFitting.Fit(_options, input, _options.FeatureColumnName, _seed);
        AnomalyPredictionTransformer unthresholded;
        try
        {
            var likelihood = _options.Score == AnomalyScore.NegativeLogLikelihood ? CodeAndErrorLikelihood.Fit(fitted.Model, input, _options.FeatureColumnName) : null;
            var smoothing = _options.Score == AnomalyScore.SmoothedReconstructionError ? new SmoothedImageDifference(_options.ImageShape!, _options.ErrorSmoothingSigma) : null;
            unthresholded = new AnomalyPredictionTransformer(fitted.Model, _options.FeatureColumnName, float.PositiveInfinity, _options.FeatureContributionsColumnName,
                _options.ReconstructionColumnName, _options.Score, _options.ElboSamples, likelihood, smoothing, fitted.Result.History);
        }
        catch
        {
            fitted.Model.Dispose();
            throw;
        }

        using (unthresholded)
        {
            var threshold = _options.Threshold
                ?? (_options.FalsePositiveRate is { } rate ? UpperQuantile(unthresholded.Scores(fitted.Validation!), rate)
                    : _options.AutomaticThreshold ? RobustUpperFence(unthresholded.Scores(input))
                    : UpperQuantile(unthresholded.Scores(input), _options.Contamination ?? AutoencoderDefaults.Contamination));
            return unthresholded.WithThreshold(threshold);
        }
    }

    /// <summary>The threshold above which at most a <paramref name="share"/> of <paramref name="scores"/> lie.</summary>
    internal static float UpperQuantile(float[] scores, float share)
    {
        var sorted = scores.Order().ToArray();
        var index = Math.Clamp(sorted.Length - 1 - (int)Math.Floor(share * (double)sorted.Length), 0, sorted.Length - 1);
        return sorted[index];
    }

    /// <summary>
    /// The median of <paramref name="scores"/> plus <see cref="AutoencoderDefaults.AutomaticThresholdDeviations"/>
    /// scaled median absolute deviations; where more than half the scores tie (no spread about the
    /// median), the mean absolute deviation (scaled by sqrt(pi / 2)) stands in.
    /// </summary>
    internal static float RobustUpperFence(float[] scores)
    {
        var median = Median.Of(scores.Select(score => (double)score));
        var deviations = Array.ConvertAll(scores, score => Math.Abs(score - median));
        var spread = 1.4826 * Median.Of(deviations);
        if (spread == 0)
        {
            spread = Math.Sqrt(Math.PI / 2) * deviations.Average();
        }

        return (float)(median + AutoencoderDefaults.AutomaticThresholdDeviations * spread);
    }

    private static void RequireFraction(float? value, string name)
    {
        if (value is { } fraction && !(fraction > 0f && fraction < 1f))
        {
            throw new ArgumentOutOfRangeException(name, fraction, $"{name} must be in (0, 1) (it is {fraction}).");
        }
    }
}
