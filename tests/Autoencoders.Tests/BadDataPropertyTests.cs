using System.Globalization;
using Autoencoders.Transforms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// Property-based: tables of any shape and any values, given to the detector through ML.NET's
/// loaders (from memory and from CSV text), train and score every row, or are refused with an
/// error naming the column and the first row (and slot) that cannot be used; nothing crashes,
/// nothing trains on NaN, no row goes missing.
/// </summary>
public sealed class BadDataPropertyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bad-data-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A row of the in-memory tables.</summary>
    public sealed class Row
    {
        /// <summary>The features (the width varies per table: a vector of unknown size is refused before training).</summary>
        [VectorType]
        public float[] Features { get; set; } = [];
    }

    private static readonly Gen<float> OrdinaryValue = Gen.Choose(-10_000, 10_000).Select(v => v / 100f);

    private static readonly Gen<float> AnyValue = Gen.Frequency(
        (60, OrdinaryValue),
        (1, Gen.Constant(float.NaN)),
        (1, Gen.Elements(float.PositiveInfinity, float.NegativeInfinity)),
        (1, Gen.Elements(3e38f, -3e38f, 1e-40f)));

    /// <summary>Half the tables of ordinary values only, so that training and scoring are tried as often as refusals.</summary>
    private static readonly Gen<float[][]> AnyTable =
        from width in Gen.Choose(2, 6)
        from rows in Gen.Choose(0, 40)
        from values in Gen.OneOf(Gen.ArrayOf(Gen.ArrayOf(AnyValue, width), rows), Gen.ArrayOf(Gen.ArrayOf(OrdinaryValue, width), rows))
        select values;

    [Property(MaxTest = 60)]
    public Property AnyTableTrainsAndScoresEveryRowOrIsRefusedNamingTheFirstValueThatCannotBeUsed() => Prop.ForAll(AnyTable.ToArbitrary(), table =>
    {
        var ml = new MLContext(seed: 1);
        var width = table.Length == 0 ? 2 : table[0].Length;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(table.Select(values => new Row { Features = values }), schema);
        CheckOutcome(ml, data, table);
    });

    private static readonly Gen<string> OrdinaryCell = OrdinaryValue.Select(v => v.ToString(CultureInfo.InvariantCulture));

    private static readonly Gen<string> AnyCell = Gen.Frequency(
        (60, OrdinaryCell),
        (1, Gen.Elements("", "nan", "NaN", "abc", "1e999", "-1e999", "∞", "0x10")));

    private static readonly Gen<string[][]> AnyCsv =
        from width in Gen.Choose(2, 6)
        from rows in Gen.Choose(0, 40)
        from cells in Gen.OneOf(Gen.ArrayOf(Gen.ArrayOf(AnyCell, width), rows), Gen.ArrayOf(Gen.ArrayOf(OrdinaryCell, width), rows))
        select cells;

    [Property(MaxTest = 60)]
    public Property AnyCsvReadByMLNetTrainsOrIsRefusedNamingTheFirstRowThatCannotBeUsed() => Prop.ForAll(AnyCsv.ToArbitrary(), cells =>
    {
        var width = cells.Length == 0 ? 2 : cells[0].Length;
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, [string.Join(',', Enumerable.Range(0, width).Select(i => $"f{i}")), .. cells.Select(row => string.Join(',', row))]);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile(path, new TextLoader.Options
        {
            Separators = [','], HasHeader = true, MissingRealsAsNaNs = true, Columns = [new TextLoader.Column("Features", DataKind.Single, 0, width - 1)],
        });
        // What ML.NET's loader made of each cell is the table the detector sees.
        var table = cells.Select(row => row.Select(Parse).ToArray()).ToArray();
        CheckOutcome(ml, data, table);
    });

    [Theory]
    [InlineData(DataKind.Double, true, "Vector<Double, 3>")]
    [InlineData(DataKind.Int32, true, "Vector<Int32, 3>")]
    [InlineData(DataKind.String, true, "Vector<String, 3>")]
    [InlineData(DataKind.Single, false, "Single")]
    [InlineData(DataKind.Boolean, false, "Boolean")]
    public void AFeatureColumnOfAnotherTypeIsRefusedNamingTheColumnAndItsType(DataKind kind, bool vector, string type)
    {
        var path = Path.Combine(_directory, "typed.csv");
        File.WriteAllLines(path, ["a,b,c", "1,0,1", "0,1,1", "1,1,0"]);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile(path, [vector ? new TextLoader.Column("Features", kind, 0, 2) : new TextLoader.Column("Features", kind, 0)], ',', hasHeader: true);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.AnomalyDetection.Trainers.Autoencoder().Fit(data));
        Assert.Contains($"The input column 'Features' has type {type}; it must be a vector of Single of known size", error.Message);
    }

    /// <summary>How ML.NET's text loader reads a cell: a number (infinite past float's range, and "∞"), else NaN (missing or unreadable).</summary>
    private static float Parse(string cell) =>
        cell == "∞" ? float.PositiveInfinity : float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : float.NaN;

    /// <summary>
    /// The detector on <paramref name="data"/>, whose rows hold <paramref name="table"/>: refused
    /// naming the first value that is not finite; refused for want of rows (none, too few for the
    /// validation split or for the score's statistics); refused as diverging only
    /// where values are beyond what squares in a float; else trained, with a score and a decision for
    /// every row, finite scores for rows of ordinary values, and each decision its score's.
    /// </summary>
    private static void CheckOutcome(MLContext ml, IDataView data, float[][] table)
    {
        var options = new AutoencoderAnomalyDetectionOptions { Epochs = 2, BatchSize = 8 };
        var firstBad = table.SelectMany((row, r) => row.Select((value, s) => (r, s, value))).Where(cell => !float.IsFinite(cell.value)).Cast<(int Row, int Slot, float Value)?>().FirstOrDefault();
        var huge = table.SelectMany(row => row).Any(value => float.IsFinite(value) && Math.Abs(value) > 1e18f);
        AutoencoderAnomalyPredictionTransformer detector;
        try
        {
            detector = ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        }
        catch (ArgumentException refused) when (firstBad is { } bad)
        {
            var what = float.IsNaN(bad.Value) ? "NaN" : bad.Value > 0 ? "+Infinity" : "-Infinity";
            Assert.Contains($"Row {bad.Row} of column 'Features' has {what} at index {bad.Slot}", refused.Message);
            return;
        }
        catch (ArgumentException refused) when (table.Length == 0)
        {
            Assert.Contains("no rows", refused.Message);
            return;
        }
        catch (ArgumentException refused) when (refused.Message.Contains(nameof(options.ValidationFraction), StringComparison.Ordinal))
        {
            // A handful of rows may leave no row on one side of the validation split: a documented refusal.
            Assert.True(table.Length < 20, $"{table.Length} rows left a side of the split empty: {refused.Message}");
            return;
        }
        catch (ArgumentException refused) when (refused.Message.Contains("needs at least 2 training rows", StringComparison.Ordinal))
        {
            Assert.True(table.Length < 3, $"{table.Length} rows: {refused.Message}");
            return;
        }
        catch (InvalidOperationException diverged) when (huge)
        {
            Assert.Contains("scale them first", diverged.Message);
            return;
        }

        using (detector)
        {
            Assert.Null(firstBad);
            var scored = detector.Transform(data);
            var scores = scored.GetColumn<float>("Score").ToArray();
            var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
            Assert.Equal(table.Length, scores.Length);
            Assert.Equal(table.Length, labels.Length);
            Assert.All(scores.Zip(labels), pair => Assert.Equal(!(pair.First <= detector.Threshold), pair.Second));
            Assert.True(huge || scores.All(float.IsFinite), $"a table of ordinary values scored {string.Join(", ", scores.Where(s => !float.IsFinite(s)))}");
        }
    }
}
