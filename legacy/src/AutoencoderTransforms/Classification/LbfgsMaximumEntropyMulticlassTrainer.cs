namespace Autoencoders.Trainers;

/// <summary>
/// ML.NET's multiclass logistic (softmax) regression trained by L-BFGS: learns one weight vector
/// and bias per class from rows labelled by a key (rows whose key is missing are left out, so a
/// partly labelled column can be given as is) or by Int32 classes 0..K-1. Rows with a missing
/// feature value are left out, as ML.NET does.
/// </summary>
public sealed class LbfgsMaximumEntropyMulticlassTrainer : LbfgsTrainerBase<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>
{
    internal LbfgsMaximumEntropyMulticlassTrainer(Options options) : base(options, PredictionKind.Multiclass)
    {
    }

    /// <summary>The settings of <see cref="LbfgsMaximumEntropyMulticlassTrainer"/>, named as ML.NET's.</summary>
    public sealed class Options : LbfgsOptionsBase
    {
    }

    /// <inheritdoc />
    public override MulticlassPredictionTransformer<MaximumEntropyModelParameters> Fit(IDataView input)
    {
        var rows = ReadRows(input);
        if (rows.ClassCount < 2)
        {
            throw new ArgumentException($"Label column '{TrainerOptions.LabelColumnName}' has {rows.ClassCount} class; a multiclass classifier needs at least 2.", nameof(input));
        }

        var classifier = LinearClassifier.Fit(rows.Features, rows.Labels, rows.Weights, rows.ClassCount, Settings);
        return new MulticlassPredictionTransformer<MaximumEntropyModelParameters>(new MaximumEntropyModelParameters(classifier), TrainerOptions.FeatureColumnName,
            TrainerOptions.LabelColumnName, rows.LabelKeyValues);
    }
}
