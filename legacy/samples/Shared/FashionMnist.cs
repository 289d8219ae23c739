using Autoencoders.Data;
using Autoencoders.Trainers;

/// <summary>
/// The Fashion-MNIST data set (60,000 training and 10,000 test images of 28 x 28 pixels, ten
/// clothing classes), as Debian's dataset-fashion-mnist package installs it: what the samples,
/// the benchmarks and the tests read. Not part of the library.
/// </summary>
internal static class FashionMnist
{
    /// <summary>Where Debian installs the files; override with the FASHION_MNIST_DIR environment variable.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Pixels per image (28 x 28).</summary>
    public const int ImageSize = 28 * 28;

    /// <summary>The layout of an image: one grey channel of 28 x 28 pixels.</summary>
    public static ImageShape Shape { get; } = new(1, 28, 28);

    /// <summary>The class names, by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The directory read: FASHION_MNIST_DIR when set, else <see cref="DefaultDirectory"/>.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("FASHION_MNIST_DIR") is { Length: > 0 } configured ? configured : DefaultDirectory;

    /// <summary>The first <paramref name="maxRows"/> training images (pixels in [0, 1]) and labels; null reads all.</summary>
    public static (FeatureMatrix Images, int[] Labels) LoadTraining(int? maxRows = null) => Load("train", maxRows);

    /// <summary>The first <paramref name="maxRows"/> test images (pixels in [0, 1]) and labels; null reads all.</summary>
    public static (FeatureMatrix Images, int[] Labels) LoadTest(int? maxRows = null) => Load("t10k", maxRows);

    private static (FeatureMatrix, int[]) Load(string prefix, int? maxRows)
    {
        var images = Path.Combine(Directory, $"{prefix}-images-idx3-ubyte.gz");
        var labels = Path.Combine(Directory, $"{prefix}-labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            throw new FileNotFoundException(
                $"Fashion-MNIST is not in '{Directory}'. Install it with ./build.sh deps (Debian package dataset-fashion-mnist) or set FASHION_MNIST_DIR.",
                images);
        }

        return (IdxReader.ReadImages(images, maxRows), IdxReader.ReadLabels(labels, maxRows));
    }
}
