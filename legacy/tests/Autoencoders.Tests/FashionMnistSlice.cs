using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>Small slices of real Fashion-MNIST, read once per test run.</summary>
internal static class FashionMnistSlice
{
    private static readonly Lazy<(FeatureMatrix Images, int[] Labels)> LazyTraining = new(() => FashionMnist.LoadTraining(2000));
    private static readonly Lazy<(FeatureMatrix Images, int[] Labels)> LazyTest = new(() => FashionMnist.LoadTest(1000));

    /// <summary>The first 2,000 training images.</summary>
    public static FeatureMatrix Training => LazyTraining.Value.Images;

    /// <summary>The labels of <see cref="Training"/>.</summary>
    public static int[] TrainingLabels => LazyTraining.Value.Labels;

    /// <summary>The first 1,000 test images.</summary>
    public static FeatureMatrix Test => LazyTest.Value.Images;

    /// <summary>The labels of <see cref="Test"/>.</summary>
    public static int[] TestLabels => LazyTest.Value.Labels;

    /// <summary>The first <paramref name="rows"/> training images.</summary>
    public static FeatureMatrix TrainingRows(int rows) => Training.SelectRows(Enumerable.Range(0, rows).ToArray());
}
