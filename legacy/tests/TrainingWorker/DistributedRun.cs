using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

/// <summary>The training run the distributed tests use, shared by the tests (one process) and the worker processes (the ranks).</summary>
public static class DistributedRun
{
    /// <summary>The model trained: no dropout and no input noise, so two ranks can reproduce one process exactly.</summary>
    public static DenseAutoencoderSpec Spec { get; } = new(784, 16, [64]);

    /// <summary>
    /// The rows: the first 1,000 Fashion-MNIST training images (900 trained on, an even number, so no
    /// rank pads its share), or the first <c>TRAINING_WORKER_ROWS</c> where that variable is set.
    /// </summary>
    public static FeatureMatrix Data() =>
        FashionMnist.LoadTraining(int.TryParse(Environment.GetEnvironmentVariable(RowsVariable), out var rows) ? rows : 1000).Images;

    /// <summary>The environment variable that sets how many rows <see cref="Data"/> holds.</summary>
    public const string RowsVariable = "TRAINING_WORKER_ROWS";

    /// <summary><paramref name="epochs"/> epochs of batches of <paramref name="batchSize"/> rows per process, with validation, checkpointed every epoch when given a path.</summary>
    public static AutoencoderTrainingOptions Options(int batchSize, int epochs, DistributedTrainingOptions? distributed, string? checkpointPath = null) => new()
    {
        Epochs = epochs, BatchSize = batchSize, Seed = 3, ValidationFraction = 0.1f, EarlyStoppingPatience = 0, Distributed = distributed,
        CheckpointPath = checkpointPath,
    };

    /// <summary>The same rows as a data view, which each rank of a pipeline reads in shards.</summary>
    public static IDataView DataView(MLContext ml)
    {
        var images = Data();
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, images.Rows).Select(row => new ImageRow { Features = images.Row(row).ToArray() }));
    }

    /// <summary>
    /// The run as a pipeline's autoencoder: the same model and settings, with a shuffle pool of 200
    /// rows, smaller than a rank's shard, so that every epoch streams the shard from the view.
    /// </summary>
    public static AutoencoderTransformOptions PipelineOptions(int batchSize, int epochs, DistributedTrainingOptions? distributed) => new()
    {
        OutputColumnName = "Code", InputColumnName = nameof(ImageRow.Features), LatentDimension = 16, HiddenWidths = [64],
        Epochs = epochs, BatchSize = batchSize, Seed = 3, ValidationFraction = 0.1f, EarlyStoppingPatience = 0, ShufflePoolSize = 200,
        Distributed = distributed,
    };

    /// <summary>A row of <see cref="DataView"/>.</summary>
    public sealed class ImageRow
    {
        /// <summary>The image's 784 pixels.</summary>
        [VectorType(784)]
        public float[] Features { get; set; } = [];
    }
}
