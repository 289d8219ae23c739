using Autoencoders.Trainers;
using Autoencoders.Transforms.Data;

namespace Autoencoders.Transforms;

/// <summary>The training step shared by the autoencoder estimators: read, validate, split, train.</summary>
internal static class AutoencoderFitting
{
    public sealed record Fitted(AutoencoderModel Model, FeatureMatrix Features, FeatureMatrix? Validation, AutoencoderTrainingResult Result);

    /// <summary>The spec the options give for <paramref name="inputColumnName"/> of <paramref name="schema"/>, checked.</summary>
    public static IAutoencoderSpec Spec(AutoencoderOptions options, DataViewSchema schema, string inputColumnName) =>
        options.ToSpec(SchemaRequirements.RequireFeatureColumn(schema, inputColumnName));

    public static Fitted Fit(AutoencoderOptions options, IDataView input, string inputColumnName, int seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        var spec = Spec(options, input.Schema, inputColumnName);
        var features = SchemaRequirements.ReadFeatures(input, inputColumnName);
        if (features.Rows == 0)
        {
            throw new ArgumentException($"Column '{inputColumnName}' has no rows to train on.", nameof(input));
        }

        var trainer = new AutoencoderTrainer(options.ToTrainingOptions(seed));
        var (training, validation) = trainer.SplitValidation(features);
        var result = trainer.Fit(spec, training, validation, options.CancellationToken);
        return new Fitted(result.Model, features, validation, result);
    }
}
