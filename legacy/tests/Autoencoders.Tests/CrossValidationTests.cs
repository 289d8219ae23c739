using Autoencoders.Data;

namespace Autoencoders.Tests;

public class CrossValidationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Rows(int count) => _ml.Data.LoadFromEnumerable(LbfgsTrainerTests.Rows(count, seed: 11).Select((row, i) => new Row
    {
        Features = row.Features, Label = row.Label, Positive = row.Positive, Id = i, Group = i / 10,
    }).ToList());

    [Fact]
    public void EveryRowIsHeldOutInExactlyOneFoldAndScoredByTheModelThatDidNotSeeIt()
    {
        var data = Rows(600);
        var estimator = _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy();
        var folds = _ml.MulticlassClassification.CrossValidate(data, estimator, numberOfFolds: 4, seed: 3);

        Assert.Equal([0, 1, 2, 3], folds.Select(fold => fold.Fold));
        var heldOut = folds.SelectMany(fold => fold.ScoredHoldOutSet.GetColumn<int>("Id")).ToList();
        Assert.Equal(Enumerable.Range(0, 600), heldOut.Order());
        Assert.All(folds, fold => Assert.InRange(fold.ScoredHoldOutSet.GetColumn<int>("Id").Count(), 100, 200));
        foreach (var fold in folds)
        {
            Assert.Equal(_ml.MulticlassClassification.Evaluate(fold.ScoredHoldOutSet).MicroAccuracy, fold.Metrics.MicroAccuracy);
            Assert.InRange(fold.Metrics.MicroAccuracy, 0.5, 1.0);

            // The fold's model is the one fitted on every other row.
            var ids = fold.ScoredHoldOutSet.GetColumn<int>("Id").ToHashSet();
            var trainedOn = estimator.Fit(_ml.Data.LoadFromEnumerable(_ml.Data.CreateEnumerable<Row>(data, reuseRowObject: false).Where(row => !ids.Contains(row.Id)).ToList()));
            Assert.Equal(trainedOn.Transform(fold.ScoredHoldOutSet).GetColumn<float[]>("Score"), fold.ScoredHoldOutSet.GetColumn<float[]>("Score"));
        }

        var again = _ml.MulticlassClassification.CrossValidate(data, estimator, numberOfFolds: 4, seed: 3);
        Assert.Equal(folds.Select(fold => fold.ScoredHoldOutSet.GetColumn<int>("Id").ToList()), again.Select(fold => fold.ScoredHoldOutSet.GetColumn<int>("Id").ToList()));
    }

    [Fact]
    public void RowsSharingASamplingKeyStayInOneFoldAndBinaryFoldsGiveBinaryMetrics()
    {
        var folds = _ml.BinaryClassification.CrossValidate(Rows(400), _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Positive"),
            numberOfFolds: 3, labelColumnName: "Positive", samplingKeyColumnName: "Group");

        var groupsPerFold = folds.Select(fold => fold.ScoredHoldOutSet.GetColumn<int>("Group").ToHashSet()).ToList();
        Assert.Equal(40, groupsPerFold.Sum(groups => groups.Count));
        Assert.Equal(40, groupsPerFold.SelectMany(groups => groups).Distinct().Count());
        Assert.All(folds, fold => Assert.InRange(fold.Metrics.AreaUnderRocCurve, 0.7, 1.0));
    }

    [Fact]
    public void FewerThanTwoFoldsAreRefused()
    {
        Assert.Equal("numberOfFolds", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.MulticlassClassification.CrossValidate(Rows(20), _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), numberOfFolds: 1)).ParamName);
    }

    private sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];

        public int Label { get; set; }

        public bool Positive { get; set; }

        public int Id { get; set; }

        public int Group { get; set; }
    }
}
