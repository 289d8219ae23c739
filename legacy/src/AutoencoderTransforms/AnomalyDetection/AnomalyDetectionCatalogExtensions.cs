namespace Autoencoders;

/// <summary>The anomaly detectors (the autoencoder's and ML.NET's PCA), their evaluation and threshold changes.</summary>
public static class AnomalyDetectionCatalogExtensions
{
    /// <summary>An autoencoder anomaly detector reading <paramref name="featureColumnName"/>.</summary>
    /// <param name="catalog">The anomaly detection trainers.</param>
    /// <param name="featureColumnName">The Single or vector column of (normalized) features.</param>
    /// <param name="latentDimension">Width of the code; null chooses it from the input width.</param>
    /// <param name="contamination">Share of training rows to flag; null uses <see cref="AutoencoderDefaults.Contamination"/>.</param>
    public static AutoencoderAnomalyDetectionTrainer Autoencoder(this AnomalyDetectionTrainers catalog,
        string featureColumnName = AutoencoderDefaults.FeatureColumnName, int? latentDimension = null, float? contamination = null) =>
        catalog.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            FeatureColumnName = featureColumnName, LatentDimension = latentDimension, Contamination = contamination,
        });

    /// <summary>An autoencoder anomaly detector configured by <paramref name="options"/>.</summary>
    public static AutoencoderAnomalyDetectionTrainer Autoencoder(this AnomalyDetectionTrainers catalog, AutoencoderAnomalyDetectionOptions options) =>
        new(catalog.Context, options);

    /// <summary>ML.NET's PCA anomaly detector reading <paramref name="featureColumnName"/> (see <see cref="RandomizedPcaTrainer"/>).</summary>
    /// <param name="catalog">The anomaly detection trainers.</param>
    /// <param name="featureColumnName">The Single or vector column of (normalized) features.</param>
    /// <param name="exampleWeightColumnName">Must be null: weighted rows are not supported.</param>
    /// <param name="rank">The number of components; at most the feature width.</param>
    /// <param name="oversampling">Extra random directions searched beyond the rank.</param>
    /// <param name="ensureZeroMean">Whether rows are centered on their mean.</param>
    /// <param name="seed">Seeds the random directions; null takes the context's next seed.</param>
    public static RandomizedPcaTrainer RandomizedPca(this AnomalyDetectionTrainers catalog, string featureColumnName = AutoencoderDefaults.FeatureColumnName,
        string? exampleWeightColumnName = null, int rank = 20, int oversampling = 20, bool ensureZeroMean = true, int? seed = null) =>
        catalog.RandomizedPca(new RandomizedPcaTrainer.Options
        {
            FeatureColumnName = featureColumnName, ExampleWeightColumnName = exampleWeightColumnName, Rank = rank,
            Oversampling = oversampling, EnsureZeroMean = ensureZeroMean, Seed = seed,
        });

    /// <summary>ML.NET's PCA anomaly detector configured by <paramref name="options"/>.</summary>
    public static RandomizedPcaTrainer RandomizedPca(this AnomalyDetectionTrainers catalog, RandomizedPcaTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(catalog.Context, options);
    }

    /// <summary>AUROC, detection rate at <paramref name="falsePositiveCount"/> false positives, precision, recall and F1.</summary>
    /// <param name="catalog">The anomaly detection catalog.</param>
    /// <param name="data">Scored rows with true labels (Boolean, Single or Int32; nonzero = anomaly).</param>
    /// <param name="labelColumnName">The true label column.</param>
    /// <param name="scoreColumnName">The score column (higher = more anomalous).</param>
    /// <param name="predictedLabelColumnName">The Boolean decision column.</param>
    /// <param name="falsePositiveCount">The false positives at which the detection rate is read.</param>
    public static AnomalyDetectionMetrics Evaluate(this AnomalyDetectionCatalog catalog, IDataView data,
        string labelColumnName = AutoencoderDefaults.LabelColumnName, string scoreColumnName = AutoencoderDefaults.ScoreColumnName,
        string predictedLabelColumnName = AutoencoderDefaults.PredictedLabelColumnName, int falsePositiveCount = AutoencoderDefaults.FalsePositiveCount) =>
        AnomalyDetectionEvaluator.Evaluate(data, labelColumnName, scoreColumnName, predictedLabelColumnName, falsePositiveCount);

    /// <summary>
    /// The same detector deciding at <paramref name="threshold"/>, as ML.NET's: the original is
    /// unchanged, and both share one model (no weights are copied), freed when both are disposed.
    /// </summary>
    public static AnomalyPredictionTransformer ChangeModelThreshold(this AnomalyDetectionCatalog catalog, AnomalyPredictionTransformer model, float threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.WithThreshold(threshold);
    }

    /// <summary>The same detector deciding at <paramref name="threshold"/>, as ML.NET's; the original is unchanged.</summary>
    public static AnomalyPredictionTransformer<TModel> ChangeModelThreshold<TModel>(this AnomalyDetectionCatalog catalog, AnomalyPredictionTransformer<TModel> model, float threshold)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.WithThreshold(threshold);
    }

    /// <summary>
    /// A fitted pipeline whose last transformer, a detector, decides at <paramref name="threshold"/>
    /// (what ML.NET's issue 4077 asks for). The new chain shares the transformers before the detector
    /// with <paramref name="model"/>, which keeps owning them: dispose the new chain and the original,
    /// and use the new one only while the original is alive.
    /// </summary>
    public static TransformerChain<AnomalyPredictionTransformer> ChangeModelThreshold(this AnomalyDetectionCatalog catalog,
        TransformerChain<AnomalyPredictionTransformer> model, float threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.WithLastTransformer(model.LastTransformer.WithThreshold(threshold));
    }
}
