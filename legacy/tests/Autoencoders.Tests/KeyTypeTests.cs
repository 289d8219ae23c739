using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>Key types as ML.NET has them: values mapped to keys 1..n (0 missing) and back, key labels through a multiclass trainer.</summary>
public class KeyTypeTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Species(params string[] names) => _ml.Data.LoadFromEnumerable(names.Select(name => new Flower { Species = name }).ToList());

    [Fact]
    public void MapValueToKeyNumbersValuesByOccurrenceOrByValueAndMapsMissingAndUnseenToZero()
    {
        var data = Species("setosa", "virginica", "setosa", "", "versicolor");
        var byOccurrence = EstimatorWorkout.Run(_ml, _ml.Transforms.Conversion.MapValueToKey("Label", "Species"), data);
        var output = byOccurrence.Transform(Species("virginica", "setosa", "", "daisy", "versicolor"));
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), output.Schema["Label"].Type);
        Assert.Equal([2u, 1, 0, 0, 3], output.GetColumn<uint>("Label"));

        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        output.Schema["Label"].GetKeyValues(ref keyValues);
        Assert.Equal(["setosa", "virginica", "versicolor"], keyValues.DenseValues().Select(value => value.ToString()));

        var byValue = _ml.Transforms.Conversion.MapValueToKey("Label", "Species", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(data);
        Assert.Equal([3u, 1, 0, 0, 2], byValue.Transform(Species("virginica", "setosa", "", "daisy", "versicolor")).GetColumn<uint>("Label"));
    }

    [Fact]
    public void MapKeyToValueGivesBackTheValuesAndTheMissingValueForKeyZero()
    {
        var data = Species("b", "a", "", "b");
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Key", "Species").Append(_ml.Transforms.Conversion.MapKeyToValue("Back", "Key"));
        var output = pipeline.Fit(data).Transform(data);
        Assert.Equal(TextDataViewType.Instance, output.Schema["Back"].Type);
        Assert.Equal(["b", "a", "", "b"], output.GetColumn<string>("Back"));

        var numbers = _ml.Data.LoadFromEnumerable(new[] { 2.5f, float.NaN, -1f }.Select(v => new Reading { Value = v }).ToList());
        var numeric = _ml.Transforms.Conversion.MapValueToKey("Key", "Value").Append(_ml.Transforms.Conversion.MapKeyToValue("Back", "Key")).Fit(numbers).Transform(numbers);
        Assert.Equal([1u, 0, 2], numeric.GetColumn<uint>("Key"));
        Assert.Equal([2.5f, float.NaN, -1f], numeric.GetColumn<float>("Back"));

        Assert.Contains("Column 'Species' is Text, not a key column; make keys with MapValueToKey",
            Assert.Throws<ArgumentException>(() => _ml.Transforms.Conversion.MapKeyToValue("Back", "Species").Fit(data)).Message);
    }

    [Fact]
    public void KeyMembersLoadAndReadBackAsKeys()
    {
        var rows = new[] { new Keyed { Class = 2 }, new Keyed { Class = 0 } };
        var data = _ml.Data.LoadFromEnumerable(rows);
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), data.Schema["Class"].Type);
        Assert.Equal([2u, 0], _ml.Data.CreateEnumerable<Keyed>(data, false).Select(row => row.Class));
        Assert.Equal("Key<UInt32, 0-2>", data.Schema["Class"].Type.ToString());
        Assert.Equal(data.Schema["Class"].Type, DataViewType.Parse("Key<UInt32, 0-2>"));
    }

    [Fact]
    public void StringClassesTrainAMulticlassModelWhoseKeyPredictionsMapBackToTheNames()
    {
        var random = new Random(2);
        string[] names = ["north", "south", "east"];
        var rows = Enumerable.Range(0, 300).Select(i =>
        {
            var k = i % 3;
            return new Observation { Features = [k + 0.3f * (float)random.NextDouble(), (float)random.NextDouble()], Direction = i == 7 ? "" : names[k] };
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Label", "Direction")
            .Append(_ml.MulticlassClassification.Trainers.XGBoost(numberOfTrees: 20))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedDirection", "PredictedLabel"));
        var model = EstimatorWorkout.Run(_ml, pipeline, data);

        var scored = model.Transform(data);
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), scored.Schema["PredictedLabel"].Type);
        Assert.Equal(rows.Select(row => row.Direction).Where((_, i) => i != 7), scored.GetColumn<string>("PredictedDirection").Where((_, i) => i != 7));
        var metrics = _ml.MulticlassClassification.Evaluate(scored);
        Assert.Equal(1.0, metrics.MicroAccuracy);
        Assert.Equal(299, Enumerable.Range(0, 3).Sum(a => Enumerable.Range(0, 3).Sum(p => metrics.ConfusionMatrix[a, p])));
    }

    private sealed class Flower
    {
        public string Species { get; set; } = "";
    }

    private sealed class Reading
    {
        public float Value { get; set; }
    }

    private sealed class Keyed
    {
        [KeyType(3)]
        public uint Class { get; set; }
    }

    private sealed class Observation
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        public string Direction { get; set; } = "";
    }
}
