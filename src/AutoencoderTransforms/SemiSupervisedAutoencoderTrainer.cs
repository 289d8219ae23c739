using System.Globalization;
using System.Runtime.InteropServices;
using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>
/// Trains an autoencoder and a softmax classifier on its code in one fit over a data view where some
/// rows have a label and the rest a missing one (see <see cref="SemiSupervisedTrainer"/>); the result
/// adds <c>Score</c> and <c>PredictedLabel</c> as ML.NET's multiclass trainers do, so
/// <c>mlContext.MulticlassClassification.Evaluate</c> reads it (made by
/// <c>mlContext.MulticlassClassification.Trainers.SemiSupervisedAutoencoder</c>). The rows are read into memory once.
/// </summary>
public sealed class SemiSupervisedAutoencoderTrainer : IEstimator<SemiSupervisedPredictionTransformer>
{
    private readonly IHost _host;
    private readonly SemiSupervisedAutoencoderOptions _options;

    internal SemiSupervisedAutoencoderTrainer(IHostEnvironment environment, SemiSupervisedAutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, option) in new[] { (options.LabelColumnName, nameof(options.LabelColumnName)), (options.FeatureColumnName, nameof(options.FeatureColumnName)) })
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"{option} needs a column name.", option);
            }
        }

        if (options.LatentDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LatentDimension, $"{nameof(options.LatentDimension)} must be at least 1.");
        }

        _host = environment.Register(nameof(SemiSupervisedAutoencoderTrainer));
        _options = options;
    }

    /// <summary>Reads the feature and label columns and trains on every row: labelled rows teach the classifier, every row the autoencoder and the consistency.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type: the features must be Single vectors of known size, the label a key.</exception>
    /// <exception cref="ArgumentException">A feature value is NaN or infinite (the message names the row and slot), or no row has a label.</exception>
    public SemiSupervisedPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var width = FeatureColumn.RequireSize(input.Schema, _options.FeatureColumnName);
        var label = LabelColumn(input.Schema);
        var classCount = checked((int)((KeyDataViewType)label.Type).Count);
        var (rows, labels) = Read(input, width, label);
        rows.EnsureFinite(_options.FeatureColumnName);

        var seeded = _options.WithSeed(_options.Seed ?? CatalogEnvironment.NextSeed(_host));
        var history = new List<EpochProgress>();
        using var channel = _host.Start("Training");
        var userProgress = _options.Progress;
        seeded.Progress = new SynchronousProgress<EpochProgress>(epoch =>
        {
            history.Add(epoch);
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch.Epoch}/{epoch.EpochCount}: loss {epoch.TrainingLoss:G5}"));
            userProgress?.Report(epoch);
        });
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Training an autoencoder of {width} inputs and a classifier into {classCount} classes on {rows.Rows} rows, {labels.Count(l => l != SemiSupervisedTrainer.Unlabelled)} of them labelled."));
        var model = new SemiSupervisedTrainer(seeded).Fit(_options.ToSpec(width), rows, labels, classCount);
        return new SemiSupervisedPredictionTransformer(model, _options.FeatureColumnName, (KeyDataViewType)label.Type, label.Annotations, history);
    }

    /// <summary>The input schema with <c>Score</c> (Single vector, a probability per class) and <c>PredictedLabel</c> (a key like the label's).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a Single vector of known size.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        FeatureColumn.Require(inputSchema, _options.FeatureColumnName);
        return SchemaShapes.MulticlassPrediction(inputSchema, _options.LabelColumnName, _options.FeatureColumnName);
    }

    private DataViewSchema.Column LabelColumn(DataViewSchema schema)
    {
        var name = _options.LabelColumnName;
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(SemiSupervisedAutoencoderOptions.LabelColumnName), name, $"The data has no label column '{name}'.");
        return column.Type is KeyDataViewType { RawType: var raw, Count: >= 2 } && raw == typeof(uint)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(SemiSupervisedAutoencoderOptions.LabelColumnName), name,
                $"The label column '{name}' is {column.Type}; it must be a key of at least 2 values (mlContext.Transforms.Conversion.MapValueToKey makes one, mapping missing labels to key 0).");
    }

    /// <summary>Every row's features and its class (the label's key less one), or <see cref="SemiSupervisedTrainer.Unlabelled"/> where the key is 0.</summary>
    private (FeatureMatrix Rows, int[] Labels) Read(IDataView input, int width, DataViewSchema.Column label)
    {
        var features = input.Schema[_options.FeatureColumnName];
        var values = new List<float>();
        var labels = new List<int>();
        using var cursor = input.GetRowCursor([features, label]);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(features);
        var labelGetter = cursor.GetGetter<uint>(label);
        var (row, key) = (default(VBuffer<float>), 0u);
        while (cursor.MoveNext())
        {
            featureGetter(ref row);
            labelGetter(ref key);
            var start = values.Count;
            CollectionsMarshal.SetCount(values, start + width);
            row.CopyTo(CollectionsMarshal.AsSpan(values).Slice(start, width));
            labels.Add(key == 0 ? SemiSupervisedTrainer.Unlabelled : (int)key - 1);
        }

        return labels.Count > 0
            ? (new FeatureMatrix(values.ToArray(), width), labels.ToArray())
            : throw new ArgumentException("The data has no rows.", nameof(input));
    }
}
