using System.Buffers.Binary;
using System.IO.Compression;
using Autoencoders.Trainers;

/// <summary>
/// Fashion-MNIST from Debian's dataset-fashion-mnist package (or <c>FASHION_MNIST_DIR</c>): 28 x 28
/// grey images scaled to [0, 1], and their class labels 0-9.
/// </summary>
internal static class FashionMnist
{
    /// <summary>Where Debian's package puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Pixels per image.</summary>
    public const int ImageSize = 28 * 28;

    /// <summary>One grey channel of 28 x 28 pixels.</summary>
    public static ImageShape Shape { get; } = new(1, 28, 28);

    /// <summary>The ten classes' names, by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The folder read: <c>FASHION_MNIST_DIR</c> when set, else <see cref="DefaultDirectory"/>.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("FASHION_MNIST_DIR") is { Length: > 0 } configured ? configured : DefaultDirectory;

    /// <summary>The first <paramref name="maxRows"/> (or all 60,000) training images and labels.</summary>
    public static (FeatureMatrix Images, int[] Labels) LoadTraining(int? maxRows = null) => Load("train", maxRows);

    /// <summary>The first <paramref name="maxRows"/> (or all 10,000) test images and labels.</summary>
    public static (FeatureMatrix Images, int[] Labels) LoadTest(int? maxRows = null) => Load("t10k", maxRows);

    private static (FeatureMatrix, int[]) Load(string prefix, int? maxRows)
    {
        var images = Path.Combine(Directory, $"{prefix}-images-idx3-ubyte.gz");
        var labels = Path.Combine(Directory, $"{prefix}-labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            throw new FileNotFoundException(
                $"Fashion-MNIST is not in '{Directory}'. Install Debian's dataset-fashion-mnist (./build.sh installs it) or set FASHION_MNIST_DIR.", images);
        }

        var pixels = ReadIdx(images, 3, maxRows);
        return (new FeatureMatrix(Array.ConvertAll(pixels, b => b / 255f), ImageSize), Array.ConvertAll(ReadIdx(labels, 1, maxRows), b => (int)b));
    }

    /// <summary>The bytes of an IDX file of unsigned bytes with <paramref name="dimensions"/> dimensions, cut to <paramref name="maxRows"/> rows.</summary>
    private static byte[] ReadIdx(string path, int dimensions, int? maxRows)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = new byte[4 + 4 * dimensions];
        stream.ReadExactly(header);
        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08 || header[3] != dimensions)
        {
            throw new InvalidDataException($"'{path}' is not an IDX file of unsigned bytes with {dimensions} dimension(s).");
        }

        var sizes = Enumerable.Range(0, dimensions).Select(i => BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * i))).ToArray();
        var rows = Math.Min(sizes[0], maxRows ?? int.MaxValue);
        var data = new byte[checked(rows * sizes.Skip(1).Aggregate(1, (product, size) => product * size))];
        stream.ReadExactly(data);
        return data;
    }
}
