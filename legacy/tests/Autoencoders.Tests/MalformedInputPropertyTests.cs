using Autoencoders.Data;
using Autoencoders.Trainers;
using FsCheck;
using FsCheck.Fluent;

namespace Autoencoders.Tests;

/// <summary>
/// Throws 1,000 random malformed options and inputs at Fit and Transform: none may crash the
/// process, and each must be rejected with an argument or invalid-operation exception whose
/// message names the offending column or option.
/// </summary>
public class MalformedInputPropertyTests
{
    private static readonly MLContext Ml = new(seed: 1);
    private static readonly IDataView Good = Ml.Transforms.Concatenate("Features", "Age", "Income", "Readings")
        .Append(Ml.Transforms.NormalizeMinMax("Features")).Fit(TestData.Tabular(Ml, 60)).Transform(TestData.Tabular(Ml, 60));
    private static readonly AnomalyPredictionTransformer Fitted =
        Ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 1 }).Fit(Good);

    private enum Mutation
    {
        Epochs, BatchSize, LearningRate, WeightDecay, ValidationFraction, Patience, LatentDimension, DropoutRate, NoiseLevel,
        Beta, SparsityTarget, ContractiveWeight, Contamination, ImageShape, BadValueInFit, BadValueInTransform, MissingColumn,
        TextColumn, NoRows, WrongWidthInTransform,
    }

    private sealed record MalformedCase(Mutation Mutation, int Row, int Index, float BadNumber, int BadInteger);

    private static readonly float[] BadNumbers = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1f, -1e30f, 0f, 1f, 7f];

    [Fact]
    public void ThousandMalformedInputsAreEachRejectedNamingTheCulprit()
    {
        var cases =
            from mutation in Gen.Elements(Enum.GetValues<Mutation>())
            from row in Gen.Choose(0, 59)
            from index in Gen.Choose(0, 4)
            from badNumber in Gen.Elements(BadNumbers)
            from badInteger in Gen.Choose(-5, 0)
            select new MalformedCase(mutation, row, index, badNumber, badInteger);

        var property = Prop.ForAll(cases.ToArbitrary(), malformed =>
        {
            var (act, culprit) = Build(malformed);
            var error = Record.Exception(act);
            return error is ArgumentException or InvalidOperationException
                   && error.Message.Contains(culprit, StringComparison.OrdinalIgnoreCase);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    private static (Action Act, string Culprit) Build(MalformedCase c)
    {
        var options = new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 1 };
        var data = Good;
        string culprit;
        switch (c.Mutation)
        {
            case Mutation.Epochs: options.Epochs = c.BadInteger; culprit = "Epochs"; break;
            case Mutation.BatchSize: options.BatchSize = c.BadInteger; culprit = "BatchSize"; break;
            case Mutation.LearningRate: options.LearningRate = c.BadNumber is > 0f and < 1e30f && float.IsFinite(c.BadNumber) ? -c.BadNumber : c.BadNumber; culprit = "LearningRate"; break;
            case Mutation.WeightDecay: options.WeightDecay = float.IsNaN(c.BadNumber) || c.BadNumber < 0 || float.IsInfinity(c.BadNumber) ? c.BadNumber : -1f; culprit = "WeightDecay"; break;
            case Mutation.ValidationFraction: options.ValidationFraction = c.BadNumber is >= 0f and < 1f ? 1f : c.BadNumber; culprit = "ValidationFraction"; break;
            case Mutation.Patience: options.EarlyStoppingPatience = c.BadInteger - 1; culprit = "EarlyStoppingPatience"; break;
            case Mutation.LatentDimension: options.LatentDimension = c.BadInteger is 0 ? 5 + c.Index : c.BadInteger; culprit = "LatentDimension"; break;
            case Mutation.DropoutRate: options.DropoutRate = c.BadNumber is >= 0f and < 1f ? 1f : c.BadNumber; culprit = "dropoutRate"; break;
            case Mutation.NoiseLevel: options.Noise = NoiseKind.Masking; options.NoiseLevel = c.BadNumber is > 0f and < 1f ? 1f : c.BadNumber; culprit = "NoiseLevel"; break;
            case Mutation.Beta: options.Variational = true; options.Beta = float.IsNaN(c.BadNumber) || c.BadNumber < 0 || float.IsInfinity(c.BadNumber) ? c.BadNumber : -2f; culprit = "Beta"; break;
            case Mutation.SparsityTarget: options.Sparsity = SparsityPenalty.L1; options.SparsityTarget = c.BadNumber is > 0f and < 1f ? 0f : c.BadNumber; culprit = "SparsityTarget"; break;
            case Mutation.ContractiveWeight: options.ContractiveWeight = c.BadNumber >= 0 && float.IsFinite(c.BadNumber) ? -c.BadNumber - 1 : c.BadNumber; culprit = "ContractiveWeight"; break;
            case Mutation.Contamination: options.Contamination = c.BadNumber is > 0f and < 1f ? 1f : c.BadNumber; culprit = "Contamination"; break;
            case Mutation.ImageShape: options.ImageShape = new ImageShape(1, 2 + c.Index, 3); culprit = "ImageShape"; break;
            case Mutation.BadValueInFit: data = WithValue(c.Row, c.Index, NonFinite(c.BadNumber)); culprit = $"Row {c.Row} of column 'Features'"; break;
            case Mutation.BadValueInTransform:
                return (() => Fitted.Transform(WithValue(c.Row, c.Index, NonFinite(c.BadNumber))).GetColumn<float>("Score").ToList(), $"Row {c.Row} of column 'Features'");
            case Mutation.MissingColumn: options.FeatureColumnName = $"Missing{c.Index}"; culprit = $"Missing{c.Index}"; break;
            case Mutation.TextColumn: options.FeatureColumnName = "Name"; culprit = "Column 'Name' is Text"; break;
            case Mutation.NoRows: data = Ml.Data.TakeRows(Good, 0); culprit = "Features"; break;
            case Mutation.WrongWidthInTransform:
                var narrow = Ml.Transforms.Concatenate("Features", "Readings").Fit(TestData.Tabular(Ml, 3)).Transform(TestData.Tabular(Ml, 3));
                return (() => Fitted.Transform(narrow), "Column 'Features' has 3 values");
            default: throw new InvalidOperationException($"unhandled mutation {c.Mutation}");
        }

        return (() =>
        {
            using var detector = Ml.AnomalyDetection.Trainers.Autoencoder(options).Fit(data);
        }, culprit);
    }

    private static float NonFinite(float candidate) => float.IsFinite(candidate) ? float.NaN : candidate;

    private static IDataView WithValue(int row, int index, float value)
    {
        var rows = Ml.Data.CreateEnumerable<FeatureRow>(Good, reuseRowObject: false).ToList();
        rows[row].Features[index] = value;
        return Ml.Data.LoadFromEnumerable(rows);
    }

    private sealed class FeatureRow
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];

        public string Name { get; set; } = "";
    }
}
