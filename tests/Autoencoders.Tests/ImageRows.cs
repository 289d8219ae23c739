using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>A Fashion-MNIST image as ML.NET reads it from a class: 784 pixels in [0, 1] and the class label.</summary>
public sealed class ImageRows
{
    /// <summary>The pixels.</summary>
    [VectorType(784)]
    public float[] Features { get; set; } = [];

    /// <summary>The class, 0-9.</summary>
    public uint Label { get; set; }

    /// <summary>The first <paramref name="rows"/> training images (of the tests' cached slice).</summary>
    public static ImageRows[] Read(int rows) => Enumerable.Range(0, rows)
        .Select(i => new ImageRows { Features = FashionMnistSlice.Training.Row(i).ToArray(), Label = (uint)FashionMnistSlice.TrainingLabels[i] }).ToArray();
}
