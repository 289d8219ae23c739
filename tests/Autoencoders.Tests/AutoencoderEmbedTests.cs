using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>AutoencoderEmbed inside real ML.NET pipelines: schema, values, trainers behind it, saving and loading in plain ML.NET.</summary>
public class AutoencoderEmbedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("embed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TheCodeColumnIsAKnownSizeVectorWithSlotNamesHoldingTheModelsCodes()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ImageRows.Read(300));
        using var transformer = ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 6, epochs: 2).Fit(data);
        var scored = transformer.Transform(data);

        var column = scored.Schema["Embedding"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 6), column.Type);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref slotNames);
        Assert.Equal(["Code0", "Code1", "Code2", "Code3", "Code4", "Code5"], slotNames.DenseValues().Select(name => name.ToString()));

        var codes = scored.GetColumn<float[]>("Embedding").ToArray();
        var expected = transformer.Model.Encode(FashionMnistSlice.TrainingRows(300));
        Assert.Equal(300, codes.Length);
        Assert.Equal(expected.Values.ToArray(), codes.SelectMany(code => code));
        Assert.Equal(2, transformer.History.Count);

        // One row alone: other matrix kernels than for a batch, the same values to float rounding.
        var engine = ml.Model.CreatePredictionEngine<ImageRows, EmbeddingRow>(transformer);
        Assert.All(codes[7].Zip(engine.Predict(ImageRows.Read(8)[7]).Embedding), pair => Assert.Equal(pair.First, pair.Second, 1e-5));
    }

    [Fact]
    public void SeedsFollowTheContext()
    {
        float[] Codes(int seed)
        {
            var ml = new MLContext(seed);
            var data = ml.Data.LoadFromEnumerable(ImageRows.Read(200));
            using var transformer = ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 4, epochs: 1).Fit(data);
            return transformer.Transform(data).GetColumn<float[]>("Embedding").First();
        }

        Assert.Equal(Codes(3), Codes(3));
        Assert.NotEqual(Codes(3), Codes(4));
    }

    [Fact]
    public void FastTreeLearnsFromTheCodeAndTheSavedPipelineScoresAloneInPlainMLNet()
    {
        var ml = new MLContext(seed: 1);
        // Trousers (1) against ankle boots (9): a two-class task for FastTree's binary trainer.
        var rows = ImageRows.Read(1500).Where(row => row.Label is 1 or 9).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows.Select(row => new BinaryImageRow { Features = row.Features, Label = row.Label == 9 }));
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, seed: 1);
        var pipeline = ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 8, epochs: 5)
            .Append(ml.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "Embedding", numberOfTrees: 20));
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
        Assert.True(metrics.Accuracy > 0.9, $"accuracy {metrics.Accuracy}");

        var path = Path.Combine(_directory, "model.zip");
        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);
        var inProcess = model.Transform(split.TestSet).GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Equal(inProcess, loaded.Transform(split.TestSet).GetColumn<bool>("PredictedLabel").ToArray());
        var scores = model.Transform(split.TestSet).GetColumn<float>("Score").ToArray();
        var loadedScores = loaded.Transform(split.TestSet).GetColumn<float>("Score").ToArray();
        Assert.All(scores.Zip(loadedScores), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));
    }

    [Theory]
    [InlineData("Embedding", "Features")]
    [InlineData("Features", null)]
    public void ASavedModelLoadsInAFreshPlainMLNetProcessWithTheSameCodesAndWithoutTorchSharp(string output, string? input)
    {
        var ml = new MLContext(seed: 2);
        var images = ImageRows.Read(200);
        var data = ml.Data.LoadFromEnumerable(images);
        var csv = Path.Combine(_directory, "images.csv");
        File.WriteAllLines(csv, images.Select(image => $"{image.Label}," + string.Join(',', image.Features.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        var model = ml.Transforms.NormalizeMinMax("Features").Append(ml.Transforms.AutoencoderEmbed(output, input, latentDimension: 5, epochs: 2)).Fit(data);
        var path = Path.Combine(_directory, "model.zip");
        ml.Model.Save(model, data.Schema, path);
        var expected = model.Transform(data).GetColumn<float[]>(output).ToArray();

        var scoredPath = Path.Combine(_directory, "scored.txt");
        var (exit, stdout, stderr) = ExternalCommand.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll"), "score-saved", path, csv, output, scoredPath], TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, stderr);
        Assert.Contains($"column {output} Vector<Single, 5>", stdout);
        Assert.True(stdout.Contains("loaded []", StringComparison.Ordinal), stdout);

        var actual = File.ReadAllLines(scoredPath).Select(line => line.Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var row = 0; row < expected.Length; row++)
        {
            Assert.All(expected[row].Zip(actual[row]), pair => Assert.Equal(pair.First, pair.Second, 1e-4 * (1 + Math.Abs(pair.First))));
        }
    }

    [Fact]
    public void AMissingOrMistypedColumnIsRefusedAtFitNamingColumnAndType()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ImageRows.Read(20));
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.AutoencoderEmbed("Embedding", "Pixels").Fit(data));
        Assert.Contains("'Pixels' is not in the data", missing.Message);

        var chain = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Append(ml.Transforms.AutoencoderEmbed("Embedding", "Label"));
        var mistyped = Assert.Throws<ArgumentOutOfRangeException>(() => chain.Fit(data));
        Assert.Contains("'Label'", mistyped.Message);
        Assert.Contains("Single", mistyped.Message);
    }

    [Fact]
    public void ANonFiniteValueIsRefusedBeforeTrainingNamingRowAndSlot()
    {
        var ml = new MLContext(seed: 1);
        var rows = ImageRows.Read(30);
        rows[17].Features[404] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.AutoencoderEmbed("Embedding", "Features").Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 17 of column 'Features' has NaN at index 404", error.Message);
    }

    [Fact]
    public void TrainingIsLoggedThroughTheContext()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, message) => messages.Add(message.Message);
        ml.Transforms.AutoencoderEmbed("Embedding", "Features", latentDimension: 4, epochs: 2).Fit(ml.Data.LoadFromEnumerable(ImageRows.Read(100))).Dispose();
        Assert.Contains(messages, message => message.Contains("Epoch 2/2: training loss", StringComparison.Ordinal));
    }

    private sealed class EmbeddingRow
    {
        public float[] Embedding { get; set; } = [];
    }

    private sealed class BinaryImageRow
    {
        [VectorType(784)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
