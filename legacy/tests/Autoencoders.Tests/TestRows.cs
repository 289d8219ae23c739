using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>Row classes the pipeline tests load.</summary>
internal sealed class ImageRow
{
    [VectorType(784)]
    public float[] Features { get; set; } = [];

    public int Label { get; set; }
}

internal sealed class TabularRow
{
    public float Age { get; set; }

    public float Income { get; set; }

    [VectorType(3)]
    public float[] Readings { get; set; } = [];

    public string Name { get; set; } = "";

    public bool IsAnomaly { get; set; }
}

internal sealed class TextRow
{
    public string Name { get; set; } = "";
}

/// <summary>A binary classifier's scored row, as the evaluator reads it.</summary>
internal sealed class BinaryScored
{
    public bool Label { get; set; }

    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}

internal static class TestData
{
    /// <summary>Fashion-MNIST training images as an "ImageRow" view: Features (784) and Label.</summary>
    public static IDataView Images(MLContext ml, int rows)
    {
        var (images, labels) = (FashionMnistSlice.TrainingRows(rows), FashionMnistSlice.TrainingLabels);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new ImageRow { Features = images.Row(i).ToArray(), Label = labels[i] }));
    }

    /// <summary>Tabular rows with a few obvious outliers (IsAnomaly).</summary>
    public static IDataView Tabular(MLContext ml, int rows, int seed = 1)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            var age = 20 + 50 * (float)random.NextDouble();
            var anomaly = i % 25 == 0;
            return new TabularRow
            {
                Age = age,
                Income = anomaly ? 5000 - 40 * age : 1000 + 40 * age + 50 * (float)random.NextDouble(),
                Readings = [age / 10, age / 20 + (float)random.NextDouble() * 0.1f, anomaly ? 9 : 1],
                Name = $"row {i}",
                IsAnomaly = anomaly,
            };
        }).ToList());
    }
}
