using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>Take, skip, filter, shuffle and split: lazy, deterministic, and reading no more than they need.</summary>
public class RowOperationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static string[] Names(IDataView data) => data.GetColumn<string>("Name").ToArray();

    [Fact]
    public void TakeAndSkipReadOnlyWhatTheyNeedAndCountWithoutAPass()
    {
        var data = new CountingDataView(100_000);
        var taken = _ml.Data.TakeRows(data, 10);
        Assert.Equal(0, data.RowsPulled);
        Assert.Equal(10, taken.GetRowCount());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"row {i}"), Names(taken));
        Assert.Equal(10, data.RowsPulled);

        var skipped = _ml.Data.SkipRows(_ml.Data.TakeRows(data, 20), 15);
        Assert.Equal(5, skipped.GetRowCount());
        Assert.Equal(Enumerable.Range(15, 5).Select(i => $"row {i}"), Names(skipped));
        Assert.Empty(_ml.Data.TakeRows(data, 0).GetColumn<string>("Name"));
        Assert.Equal(0, data.OpenCursors);
    }

    [Fact]
    public void FilterKeepsTheRowsInRangeAndDropsNaN()
    {
        var rows = new[] { 1f, float.NaN, 5f, 3f, 10f }.Select(age => new TabularRow { Age = age, Readings = [0, 0, 0], Name = $"{age}" }).ToList();
        var filtered = _ml.Data.FilterRowsByColumn(_ml.Data.LoadFromEnumerable(rows), "Age", lowerBound: 2, upperBound: 10);
        Assert.Null(filtered.GetRowCount());
        Assert.Equal(["5", "3"], Names(filtered));
        Assert.Contains("only Single and Int32", Assert.Throws<ArgumentException>(() => _ml.Data.FilterRowsByColumn(_ml.Data.LoadFromEnumerable(rows), "Name")).Message);
    }

    [Fact]
    public void AKeyColumnFiltersByItsFractionOfTheKeyRangeAndKeyZeroIsDropped()
    {
        var names = new[] { "a", "b", "c", "d", "", "a" };
        var data = _ml.Transforms.Conversion.MapValueToKey("Key", "Name")
            .Fit(_ml.Data.LoadFromEnumerable(names.Select(name => new TextRow { Name = name })))
            .Transform(_ml.Data.LoadFromEnumerable(names.Select(name => new TextRow { Name = name })));

        // Four keys: a, b, c, d at fractions 0.125, 0.375, 0.625, 0.875; the empty name is key 0.
        Assert.Equal(["a", "b", "a"], Names(_ml.Data.FilterRowsByKeyColumnFraction(data, "Key", 0, 0.5)));
        Assert.Equal(["c", "d"], Names(_ml.Data.FilterRowsByKeyColumnFraction(data, "Key", 0.5)));
        Assert.Equal(["a", "b", "c", "d", "a"], Names(_ml.Data.FilterRowsByKeyColumnFraction(data, "Key")));
        Assert.Contains("only a key column", Assert.Throws<ArgumentException>(() => _ml.Data.FilterRowsByKeyColumnFraction(data, "Name")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.FilterRowsByKeyColumnFraction(data, "Key", 0.6, 0.5));
    }

    [Fact]
    public void RowsWithAMissingValueInAnyNamedColumnAreDropped()
    {
        var rows = new[]
        {
            new TabularRow { Name = "whole", Age = 1, Readings = [1, 2, 3] },
            new TabularRow { Name = "no age", Age = float.NaN, Readings = [1, 2, 3] },
            new TabularRow { Name = "gap in readings", Age = 2, Readings = [1, float.NaN, 3] },
            new TabularRow { Name = "infinite", Age = float.PositiveInfinity, Readings = [0, 0, 0] },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);

        Assert.Equal(["whole", "gap in readings", "infinite"], Names(_ml.Data.FilterRowsByMissingValues(data, "Age")));
        Assert.Equal(["whole", "infinite"], Names(_ml.Data.FilterRowsByMissingValues(data, "Age", "Readings")));
        Assert.Contains("has no missing value", Assert.Throws<ArgumentException>(() => _ml.Data.FilterRowsByMissingValues(data, "Name")).Message);
        Assert.Throws<ArgumentException>(() => _ml.Data.FilterRowsByMissingValues(data));
    }

    [Fact]
    public void SplitIsDisjointCoversEveryRowAndIsTheSameOnEveryPass()
    {
        var data = new CountingDataView(5000);
        var split = _ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7);
        Assert.Equal(0, data.RowsPulled);
        var (train, test) = (Names(split.TrainSet), Names(split.TestSet));

        Assert.Empty(train.Intersect(test));
        Assert.Equal(5000, train.Length + test.Length);
        Assert.InRange(test.Length, 900, 1100);
        Assert.Equal(test, Names(split.TestSet));
        Assert.Equal(test, Names(_ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7).TestSet));
        Assert.NotEqual(test, Names(_ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 8).TestSet));
    }

    [Fact]
    public void ShufflingFollowsTheSeedThroughAPoolOrTheWholeView()
    {
        var streamed = new CountingDataView(3000);
        var pooled = _ml.Data.ShuffleRows(streamed, seed: 3, shufflePoolSize: 100);
        var order = Names(pooled);
        Assert.Equal(order, Names(pooled));
        Assert.NotEqual(order, Names(_ml.Data.ShuffleRows(streamed, seed: 4, shufflePoolSize: 100)));
        Assert.Equal(Names(streamed).Order(), order.Order());
        Assert.NotEqual(Names(streamed), order);
        var rowOf = order.Select((name, i) => (Row: int.Parse(name[4..]), At: i)).ToArray();
        Assert.All(rowOf, pair => Assert.True(pair.At >= pair.Row - 100, $"row {pair.Row} came out at {pair.At}, earlier than a pool of 100 allows"));

        var cached = _ml.Data.Cache(streamed);
        var whole = Names(_ml.Data.ShuffleRows(cached, seed: 3));
        Assert.Equal(whole, Names(_ml.Data.ShuffleRows(cached, seed: 3)));
        Assert.True(Array.IndexOf(whole, "row 2999") < 2000, "a whole-view shuffle moves the last row anywhere");
    }

    [Fact]
    public void PreviewReadsOnlyTheRowsItShows()
    {
        var data = new CountingDataView(100_000, width: 2);
        var preview = data.Preview(maxRows: 3);
        Assert.Equal(3, data.RowsPulled);
        Assert.Equal(3, preview.RowView.Length);
        Assert.Equal("row 2", preview.RowView[2].Values.Single(pair => pair.Key == "Name").Value);
        Assert.Equal([CountingDataView.Feature(1, 0), CountingDataView.Feature(1, 1)], (float[])preview.ColumnView[0].Values[1]);
        Assert.Equal([true, false, false], preview.ColumnView[1].Values.Cast<bool>());
    }
}
