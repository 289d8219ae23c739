namespace Autoencoders.Transforms;

/// <summary>The training step shared by the autoencoder estimators: validate, split, train from the stream of rows.</summary>
internal static class AutoencoderFitting
{
    /// <summary>A trained model, and the validation rows it held out (null when none were).</summary>
    public sealed record Fitted(AutoencoderModel Model, IDataView? Validation, AutoencoderTrainingResult Result);

    /// <summary>The spec the options give for <paramref name="inputColumnName"/> of <paramref name="schema"/>, checked.</summary>
    public static IAutoencoderSpec Spec(AutoencoderOptions options, DataViewSchema schema, string inputColumnName) =>
        options.ToSpec(SchemaRequirements.RequireFeatureColumn(schema, inputColumnName));

    /// <summary>Checks the input column through the spec it gives (the estimators' only schema check, so it is made once), then trains.</summary>
    public static Fitted Fit(AutoencoderOptions options, IDataView input, string inputColumnName, int seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        var spec = Spec(options, input.Schema, inputColumnName);
        var (training, validation) = DataViewFeatureSource.Split(input, inputColumnName, options.ValidationFraction, options.BatchSize, seed, options.ShufflePoolSize, options.Distributed);
        var result = new AutoencoderTrainer(options.WithSeed(seed)).Fit(spec, training, validation, options.CancellationToken);
        return new Fitted(result.Model, validation?.View, result);
    }
}
