using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML.Data;

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
    public static AutoencoderEstimator AutoencoderEmbed(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDimension = null, int epochs = AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderEmbed(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>Fits an autoencoder with every option given, and writes each row's code as a new column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The columns, the autoencoder's shape and its training.</param>
    public static AutoencoderEstimator AutoencoderEmbed(this TransformsCatalog catalog, AutoencoderTransformOptions options) =>
        new(CatalogEnvironment.Of(catalog), options, AutoencoderOutput.Code);

    /// <summary>
    /// Fits an autoencoder on <paramref name="inputColumnName"/> and writes each row as the
    /// autoencoder gives it back to <paramref name="outputColumnName"/> (slots named as the input's):
    /// what the model keeps of a row, and, compared with the row, where it fails.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The reconstruction column.</param>
    /// <param name="inputColumnName">The column read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="latentDimension">Values in the code; null chooses them from the input width.</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderReconstruct(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int? latentDimension = null, int epochs = AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderReconstruct(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>Fits an autoencoder with every option given, and writes each row's reconstruction as a new column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The columns, the autoencoder's shape and its training.</param>
    public static AutoencoderEstimator AutoencoderReconstruct(this TransformsCatalog catalog, AutoencoderTransformOptions options) =>
        new(CatalogEnvironment.Of(catalog), options, AutoencoderOutput.Reconstruction);

    /// <summary>
    /// Trains a denoising autoencoder on <paramref name="inputColumnName"/> (each batch corrupted
    /// afresh by <paramref name="noise"/>, the clean rows reconstructed) and writes each row cleaned.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The cleaned column.</param>
    /// <param name="inputColumnName">The column read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="noise">The corruption learned to undo.</param>
    /// <param name="noiseLevel">Its strength: the share of values for salt and masking, the standard deviation for Gaussian, the largest angle in degrees for rotation.</param>
    /// <param name="latentDimension">Values in the code; null chooses them from the input width.</param>
    /// <param name="epochs">Passes over the rows.</param>
    public static AutoencoderEstimator AutoencoderDenoise(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        NoiseKind noise = NoiseKind.Salt, float noiseLevel = 0.3f, int? latentDimension = null, int epochs = AutoencoderTrainingDefaults.Epochs) =>
        catalog.AutoencoderReconstruct(new AutoencoderTransformOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Noise = noise, NoiseLevel = noiseLevel, LatentDimension = latentDimension, Epochs = epochs,
        });

    /// <summary>
    /// Decodes the codes in <paramref name="codeColumnName"/> (<see cref="AutoencoderModel.LatentWidth"/>
    /// Singles per row) with <paramref name="model"/>'s decoder into <paramref name="outputColumnName"/>:
    /// what codes, interpolations between them or a variational model's samples stand for.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The decoded column.</param>
    /// <param name="codeColumnName">The column of codes.</param>
    /// <param name="model">A trained autoencoder (for example a fitted transformer's <c>Model</c>); the transformer decodes with its own copy.</param>
    public static AutoencoderDecodingEstimator AutoencoderDecode(this TransformsCatalog catalog, string outputColumnName, string codeColumnName, AutoencoderModel model) =>
        new(model, outputColumnName, codeColumnName);

    /// <summary>
    /// <paramref name="count"/> new rows drawn from a variational autoencoder: codes from its prior
    /// (a standard normal), decoded, as a data view of one column of its input width.
    /// </summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="model">A trained variational autoencoder.</param>
    /// <param name="count">Rows to draw; at least 1.</param>
    /// <param name="seed">Seeds the draws.</param>
    /// <param name="columnName">The column of the rows.</param>
    /// <exception cref="InvalidOperationException">The model is not variational.</exception>
    public static IDataView SampleFromAutoencoder(this DataOperationsCatalog catalog, AutoencoderModel model, int count, int seed = 0, string columnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var samples = model.Sample(count, seed);
        return new MLContext().Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(row => new SampledRow { Values = samples.Row(row).ToArray() }).ToList(),
            SampledRowSchema(columnName, model.InputWidth));
    }

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
        new(CatalogEnvironment.Of(catalog), options);

    /// <summary>
    /// A multiclass trainer that learns from labelled and unlabelled rows in one fit: an autoencoder and
    /// a softmax classifier on its code, trained together on reconstruction (every row), classification
    /// (rows with a label) and consistency between two views of every row. The label is a key whose
    /// missing value (key 0) marks the rows without a label; the result adds <c>Score</c> and
    /// <c>PredictedLabel</c> as ML.NET's multiclass trainers do.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The label column (a key; key 0 for no label).</param>
    /// <param name="featureColumnName">The feature column (Single vectors of known size).</param>
    public static SemiSupervisedAutoencoderTrainer SemiSupervisedAutoencoder(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features") =>
        catalog.SemiSupervisedAutoencoder(new SemiSupervisedAutoencoderOptions { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>The semi-supervised autoencoder classifier with every setting in <paramref name="options"/>.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The columns, the network's shape and how it trains.</param>
    public static SemiSupervisedAutoencoderTrainer SemiSupervisedAutoencoder(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        SemiSupervisedAutoencoderOptions options) =>
        new(CatalogEnvironment.Of(catalog), options);

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
    public static IReadOnlyList<AutoencoderModel> LoadAutoencoders(this ModelOperationsCatalog catalog, string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        using var stream = File.OpenRead(filePath);
        return Autoencoders.Transforms.SavedAutoencoders.Read(stream);
    }

    /// <summary>
    /// The anomaly detectors inside a model saved by <c>mlContext.Model.Save</c>: each one's
    /// threshold and training history, in the order they appear in the file.
    /// </summary>
    /// <param name="catalog">The model operations catalog.</param>
    /// <param name="filePath">The saved model (a zip).</param>
    /// <exception cref="InvalidDataException">The file is not a saved ML.NET model, or a detector in it is damaged.</exception>
    public static IReadOnlyList<Autoencoders.Transforms.SavedAnomalyDetector> LoadAnomalyDetectors(this ModelOperationsCatalog catalog, string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        using var stream = File.OpenRead(filePath);
        return Autoencoders.Transforms.SavedAutoencoders.ReadDetectors(stream);
    }

    /// <summary>
    /// Writes a fitted pipeline holding autoencoder transformers to <paramref name="stream"/> as one
    /// ONNX model: ML.NET's own steps as ML.NET's <c>ConvertToOnnx</c> exports them (which, given such
    /// a pipeline, stops at the first autoencoder and keeps only what comes before it), the autoencoders
    /// from their saved graphs, joined into one graph. Inputs are named as the input columns, outputs
    /// as ML.NET names them (<c>Score.output</c> for <c>Score</c>); every value is a batch of rows, shaped
    /// [rows, width] (a scalar column has width 1). Inputs no output needs are left out. Works as well on
    /// a pipeline read back by <c>mlContext.Model.Load</c>.
    /// </summary>
    /// <param name="catalog">The model operations catalog.</param>
    /// <param name="model">The fitted pipeline (a chain, or one transformer).</param>
    /// <param name="inputSchema">The schema of the rows the pipeline reads.</param>
    /// <param name="stream">Where the ONNX model is written; nothing is written when the export fails.</param>
    /// <param name="outputColumns">The columns written as outputs; none means every visible column of the pipeline's output.</param>
    /// <exception cref="NotSupportedException">A step has no ONNX form (ML.NET has none for it, or it runs a graph this library did not write); the message names it.</exception>
    /// <exception cref="ArgumentException">An output column is not in the pipeline's output.</exception>
    public static void ConvertPipelineToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream, params string[] outputColumns)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(outputColumns);
        var graph = PipelineOnnxExport.Export(model, inputSchema, outputColumns);
        stream.Write(graph);
    }

    private static SchemaDefinition SampledRowSchema(string columnName, int width)
    {
        var definition = SchemaDefinition.Create(typeof(SampledRow));
        definition[0].ColumnName = columnName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return definition;
    }

    private sealed class SampledRow
    {
        public float[] Values { get; set; } = [];
    }
}
