using Autoencoders.Transforms;

namespace Microsoft.ML;

/// <summary>The autoencoder components on ML.NET's catalogs: <c>using Microsoft.ML;</c> is all a program needs.</summary>
public static class AutoencoderCatalog
{
    /// <summary>
    /// Fits an autoencoder on <paramref name="inputColumnName"/> (a vector of Single of known size,
    /// best scaled to [0, 1], e.g. by NormalizeMinMax) and writes each row's code to
    /// <paramref name="outputColumnName"/>, a vector of <paramref name="latentDimension"/> Singles, so
    /// a trainer behind it learns from the code. Seeds follow the context's unless set in the options.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The code column.</param>
    /// <param name="inputColumnName">The column encoded; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDimension">Values in the code; null chooses them from the input width (<see cref="AutoencoderOptions.LatentDimensionFor"/>).</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEmbeddingEstimator AutoencoderEmbed(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDimension = null, int epochs = Autoencoders.Trainers.AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderEmbed(new AutoencoderEmbeddingOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>Fits an autoencoder with every option given, and writes each row's code as a new column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The columns, the autoencoder's shape and its training.</param>
    public static AutoencoderEmbeddingEstimator AutoencoderEmbed(this TransformsCatalog catalog, AutoencoderEmbeddingOptions options) =>
        new(Autoencoders.Transforms.CatalogEnvironment.Of(catalog), options);

    /// <summary>
    /// An anomaly detector that trains an autoencoder on <paramref name="featureColumnName"/> (a vector
    /// of Single of known size, best normalized, e.g. by NormalizeMinMax) and scores each row by how
    /// unlike the training rows it finds it: <c>Score</c> (Single, higher = more anomalous) and
    /// <c>PredictedLabel</c> (Boolean), which <c>mlContext.AnomalyDetection.Evaluate</c> reads (give it a
    /// Single label: true anomalies above 0).
    /// </summary>
    /// <param name="catalog">The anomaly detection trainers.</param>
    /// <param name="featureColumnName">The feature column.</param>
    /// <param name="latentDimension">Values in the code; null chooses them from the input width.</param>
    /// <param name="contamination">Share of the training rows flagged as anomalies; null means <see cref="AutoencoderAnomalyDetectionOptions.DefaultContamination"/>.</param>
    public static AutoencoderAnomalyDetectionTrainer Autoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, string featureColumnName = "Features",
        int? latentDimension = null, float? contamination = null) =>
        catalog.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            FeatureColumnName = featureColumnName, LatentDimension = latentDimension, Contamination = contamination,
        });

    /// <summary>An autoencoder anomaly detector with every option given.</summary>
    /// <param name="catalog">The anomaly detection trainers.</param>
    /// <param name="options">The columns, the threshold, the score, the autoencoder's shape and its training.</param>
    public static AutoencoderAnomalyDetectionTrainer Autoencoder(this AnomalyDetectionCatalog.AnomalyDetectionTrainers catalog, AutoencoderAnomalyDetectionOptions options) =>
        new(Autoencoders.Transforms.CatalogEnvironment.Of(catalog), options);

    /// <summary>
    /// The same autoencoder detector deciding at <paramref name="threshold"/>, as ML.NET's
    /// <c>ChangeModelThreshold</c> does for its own detectors: the original is unchanged, and both share
    /// one autoencoder, freed when both are disposed.
    /// </summary>
    /// <param name="catalog">The anomaly detection catalog.</param>
    /// <param name="model">The fitted detector.</param>
    /// <param name="threshold">The new threshold: rows scoring above it are anomalies.</param>
    public static AutoencoderAnomalyPredictionTransformer ChangeModelThreshold(this AnomalyDetectionCatalog catalog, AutoencoderAnomalyPredictionTransformer model, float threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.WithThreshold(threshold);
    }

    /// <summary>
    /// The autoencoders inside a model saved by <c>mlContext.Model.Save</c>, rebuilt as TorchSharp
    /// models (to encode, decode, sample or train further), in the order they appear in the file.
    /// The caller disposes them.
    /// </summary>
    /// <param name="catalog">The model operations catalog.</param>
    /// <param name="filePath">The saved model (a zip).</param>
    /// <exception cref="InvalidDataException">The file is not a saved ML.NET model, or an autoencoder in it is damaged.</exception>
    public static IReadOnlyList<Autoencoders.Trainers.AutoencoderModel> LoadAutoencoders(this ModelOperationsCatalog catalog, string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        using var stream = File.OpenRead(filePath);
        return Autoencoders.Transforms.SavedAutoencoders.Read(stream);
    }
}
