namespace Autoencoders;

/// <summary>
/// ML.NET's cross-validation: the rows are split into <c>numberOfFolds</c> folds by a seeded hash
/// of each row's position (or of its <c>samplingKeyColumnName</c> value, so rows sharing a value
/// stay in one fold), as <see cref="DataOperationsCatalog.TrainTestSplit"/> splits; for each fold,
/// the estimator is fitted on the other folds and evaluated on it. Folds are about, not exactly,
/// equal in size.
/// </summary>
public static class CrossValidationCatalog
{
    /// <summary>Cross-validates a binary classification pipeline; its metrics as <see cref="EvaluationCatalog.Evaluate(BinaryClassificationCatalog, IDataView, string, string, string, string)"/> computes them.</summary>
    public static IReadOnlyList<CrossValidationResult<BinaryClassificationMetrics>> CrossValidate(this BinaryClassificationCatalog catalog, IDataView data,
        IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = AutoencoderDefaults.LabelColumnName, string? samplingKeyColumnName = null, int? seed = null) =>
        Run(catalog, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => catalog.Evaluate(scored, labelColumnName));

    /// <summary>Cross-validates a multiclass classification pipeline; its metrics as <see cref="EvaluationCatalog.Evaluate(MulticlassClassificationCatalog, IDataView, string, string, string)"/> computes them.</summary>
    public static IReadOnlyList<CrossValidationResult<MulticlassClassificationMetrics>> CrossValidate(this MulticlassClassificationCatalog catalog, IDataView data,
        IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = AutoencoderDefaults.LabelColumnName, string? samplingKeyColumnName = null, int? seed = null) =>
        Run(catalog, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => catalog.Evaluate(scored, labelColumnName));

    /// <summary>Cross-validates a regression pipeline; its metrics as <see cref="EvaluationCatalog.Evaluate(RegressionCatalog, IDataView, string, string)"/> computes them.</summary>
    public static IReadOnlyList<CrossValidationResult<RegressionMetrics>> CrossValidate(this RegressionCatalog catalog, IDataView data,
        IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = AutoencoderDefaults.LabelColumnName, string? samplingKeyColumnName = null, int? seed = null) =>
        Run(catalog, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => catalog.Evaluate(scored, labelColumnName));

    private static IReadOnlyList<CrossValidationResult<TMetrics>> Run<TMetrics>(CatalogBase catalog, IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds, string? samplingKeyColumnName, int? seed, Func<IDataView, TMetrics> evaluate)
        where TMetrics : class
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfFolds, 2);
        var resolvedSeed = seed ?? catalog.Context.NextSeed();
        var results = new List<CrossValidationResult<TMetrics>>(numberOfFolds);
        for (var fold = 0; fold < numberOfFolds; fold++)
        {
            var split = DataOperationsCatalog.SplitByHash(data, (double)fold / numberOfFolds, (double)(fold + 1) / numberOfFolds, samplingKeyColumnName, resolvedSeed);
            var model = estimator.Fit(split.TrainSet);
            var scored = model.Transform(split.TestSet);
            results.Add(new CrossValidationResult<TMetrics>(model, evaluate(scored), scored, fold));
        }

        return results;
    }
}
