using System.Globalization;
using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>
/// Fits an autoencoder on a column of Single vectors and yields an
/// <see cref="AutoencoderEmbeddingTransformer"/> writing each row's code as a new column, so a
/// trainer behind it learns from the code (made by <c>mlContext.Transforms.AutoencoderEmbed</c>).
/// </summary>
public sealed class AutoencoderEmbeddingEstimator : IEstimator<AutoencoderEmbeddingTransformer>
{
    private readonly IHost _host;
    private readonly AutoencoderEmbeddingOptions _options;

    internal AutoencoderEmbeddingEstimator(IHostEnvironment environment, AutoencoderEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.OutputColumnName))
        {
            throw new ArgumentException("The output column needs a name.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.LatentDimension, 1, nameof(options.LatentDimension));
        _host = environment.Register(nameof(AutoencoderEmbeddingEstimator));
        _options = options.Copy();
    }

    /// <summary>Trains the autoencoder on every row of the input column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a Single vector of known size.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the row and slot), or there are no rows.</exception>
    public AutoencoderEmbeddingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = _options.EffectiveInputColumnName;
        var width = FeatureColumn.RequireSize(input.Schema, column);
        var options = _options.Copy();
        options.Seed ??= CatalogEnvironment.NextSeed(_host);
        var data = FeatureColumn.ReadAll(input, column);
        var spec = new DenseAutoencoderSpec(width, options.LatentDimension, options.HiddenWidths, options.Activation, variational: options.Variational);
        AutoencoderTrainer.RequireNarrowCodeUnlessRegularized(options.LatentDimension, width, options.Variational, options.Noise, options.Sparsity,
            options.ContractiveWeight, nameof(options.LatentDimension));

        using var channel = _host.Start("Training");
        var userProgress = options.Progress;
        options.Progress = new Progress(epoch =>
        {
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"Epoch {epoch.Epoch}/{epoch.EpochCount}: training loss {epoch.TrainingLoss:G5}{(epoch.ValidationLoss is { } v ? $", validation loss {v:G5}" : "")}"));
            userProgress?.Report(epoch);
        });
        channel.Info(MessageSensitivity.None, $"Training a {string.Join("-", new[] { width }.Concat(spec.HiddenWidths).Append(options.LatentDimension))} autoencoder on {data.Rows} rows of '{column}'.");
        var result = new AutoencoderTrainer(options).Fit(spec, data);
        return new AutoencoderEmbeddingTransformer(result.Model, column, options.OutputColumnName, result.History);
    }

    /// <summary>The input schema with the code column added (a Single vector of <see cref="AutoencoderEmbeddingOptions.LatentDimension"/> values).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a Single vector of known size.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = _options.EffectiveInputColumnName;
        FeatureColumn.Require(inputSchema, column);
        // SchemaShape.Column has no public constructor: CopyColumns' output has exactly the code's shape (a Single vector of known size).
        return new MLContext().Transforms.CopyColumns(_options.OutputColumnName, column).GetOutputSchema(inputSchema);
    }

    private sealed class Progress(Action<EpochProgress> report) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => report(value);
    }
}
