using System.Globalization;
using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Autoencoders.Transforms;

/// <summary>How every autoencoder component trains its network on a column of an ML.NET data view.</summary>
internal static class AutoencoderFitting
{
    /// <summary>A trained network, its epochs' losses, and the rows it trained and validated on.</summary>
    public sealed record Fitted(AutoencoderModel Model, IReadOnlyList<EpochProgress> History, FeatureMatrix Training, FeatureMatrix? Validation);

    /// <summary>
    /// Trains the network <paramref name="options"/> describe on every row of
    /// <paramref name="column"/>, seeded from the context unless the options set a seed, reporting
    /// each epoch through the context's log and the options' progress.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or not a Single vector of known size, or an option does not fit it.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite (the message names the row and slot), or there are no rows.</exception>
    public static Fitted Fit(IHost host, AutoencoderOptions options, IDataView input, string column)
    {
        ArgumentNullException.ThrowIfNull(input);
        var width = FeatureColumn.RequireSize(input.Schema, column);
        var spec = options.ToSpec(width);
        var seeded = options.WithSeed(options.Seed ?? CatalogEnvironment.NextSeed(host));
        var data = FeatureColumn.ReadAll(input, column);

        using var channel = host.Start("Training");
        var userProgress = options.Progress;
        seeded.Progress = new Progress(epoch =>
        {
            channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"Epoch {epoch.Epoch}/{epoch.EpochCount}: training loss {epoch.TrainingLoss:G5}{(epoch.ValidationLoss is { } v ? $", validation loss {v:G5}" : "")}"));
            userProgress?.Report(epoch);
        });
        var trainer = new AutoencoderTrainer(seeded);
        var (training, validation) = trainer.SplitValidation(data);
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Training an autoencoder of {width} inputs and {spec.LatentWidth} code values on {training.Rows} rows of '{column}'{(validation is null ? "" : $", validating on {validation.Rows}")}."));
        var result = trainer.Fit(spec, training, validation);
        return new Fitted(result.Model, result.History, training, validation);
    }

    private sealed class Progress(Action<EpochProgress> report) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => report(value);
    }
}
