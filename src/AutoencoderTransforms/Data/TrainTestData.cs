namespace Autoencoders.Transforms.Data;

/// <summary>The two parts of a train/test split.</summary>
/// <param name="TrainSet">The rows to train on.</param>
/// <param name="TestSet">The held-out rows.</param>
public sealed record TrainTestData(IDataView TrainSet, IDataView TestSet);
