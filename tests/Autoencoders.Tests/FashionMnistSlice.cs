using Autoencoders.Trainers;
using Autoencoders.Transforms.Data;

namespace Autoencoders.Tests;

/// <summary>Small slices of real Fashion-MNIST, read once per test run.</summary>
internal static class FashionMnistSlice
{
    private static readonly Lazy<FeatureMatrix> LazyTraining = new(() => FashionMnist.LoadTraining(2000).Images);
    private static readonly Lazy<FeatureMatrix> LazyTest = new(() => FashionMnist.LoadTest(1000).Images);

    /// <summary>The first 2,000 training images.</summary>
    public static FeatureMatrix Training => LazyTraining.Value;

    /// <summary>The first 1,000 test images.</summary>
    public static FeatureMatrix Test => LazyTest.Value;

    /// <summary>The first <paramref name="rows"/> training images.</summary>
    public static FeatureMatrix TrainingRows(int rows) => Training.SelectRows(Enumerable.Range(0, rows).ToArray());
}
