using System.Globalization;
using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>How every autoencoder component trains its network on a column of an ML.NET data view.</summary>
internal static class AutoencoderFitting
{
    /// <summary>A trained network, its epochs' losses, and the rows it trained and validated on (read again pass by pass).</summary>
    public sealed record Fitted(AutoencoderModel Model, IReadOnlyList<EpochProgress> History, IFeatureSource Training, IFeatureSource? Validation);

    /// <summary>
    /// Trains the network <paramref name="options"/> describe on the rows of <paramref name="column"/>
    /// (streamed from the data view, see <see cref="DataViewFeatureSource"/>), seeded from the context
    /// unless the options set a seed, reporting each epoch through the context's log and the options' progress.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or not a Single vector of known size, or an option does not fit it.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the row and slot), or there are no rows.</exception>
    public static Fitted Fit(IHost host, AutoencoderOptions options, IDataView input, string column)
    {
        ArgumentNullException.ThrowIfNull(input);
        var width = FeatureColumn.RequireSize(input.Schema, column);
        var spec = options.ToSpec(width);
        var seed = options.Seed ?? CatalogEnvironment.NextSeed(host);
        var seeded = options.WithSeed(seed);
        var (training, validation) = DataViewFeatureSource.Split(input, column, width, options.ValidationFraction, options.BatchSize, seed, options.ShufflePoolSize,
            options.Distributed);

        using var channel = host.Start("Training");
        var userProgress = options.Progress;
        seeded.Progress = new SynchronousProgress<EpochProgress>(epoch =>
        {
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"Epoch {epoch.Epoch}/{epoch.EpochCount}: training loss {epoch.TrainingLoss:G5}{(epoch.ValidationLoss is { } v ? $", validation loss {v:G5}" : "")}"));
            userProgress?.Report(epoch);
        });
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Training an autoencoder of {width} inputs and {spec.LatentWidth} code values on column '{column}'{(validation is null ? "" : $", validating on {options.ValidationFraction:P0} of the rows")}."));
        var result = new AutoencoderTrainer(seeded).Fit(spec, training, validation);
        return new Fitted(result.Model, result.History, training, validation);
    }
}
