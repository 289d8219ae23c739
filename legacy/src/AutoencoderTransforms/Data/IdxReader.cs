using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (unsigned bytes, big-endian header),
/// gzip-compressed (by the .gz extension) or not.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>
    /// Reads an image file (3 dimensions: count, height, width) as one row per image, pixels scaled
    /// from 0..255 to [0, 1].
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxRows">Reads at most this many images from the start; null reads all.</param>
    /// <exception cref="InvalidDataException">The file is not an unsigned-byte IDX image file, or is cut short.</exception>
    public static FeatureMatrix ReadImages(string path, int? maxRows = null)
    {
        var (dimensions, bytes) = Read(path, expectedDimensions: 3, maxRows);
        var values = new float[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = bytes[i] / 255f;
        }

        return new FeatureMatrix(values, dimensions[1] * dimensions[2]);
    }

    /// <summary>Reads a label file (1 dimension) as integers.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxRows">Reads at most this many labels from the start; null reads all.</param>
    /// <exception cref="InvalidDataException">The file is not an unsigned-byte IDX label file, or is cut short.</exception>
    public static int[] ReadLabels(string path, int? maxRows = null)
    {
        var (_, bytes) = Read(path, expectedDimensions: 1, maxRows);
        return Array.ConvertAll(bytes, b => (int)b);
    }

    private static (int[] Dimensions, byte[] Data) Read(string path, int expectedDimensions, int? maxRows)
    {
        if (maxRows is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "maxRows must not be negative.");
        }

        var (dimensions, stream) = Open(path, expectedDimensions);
        using (stream)
        {
            dimensions[0] = Math.Min(dimensions[0], maxRows ?? int.MaxValue);
            var data = new byte[checked(dimensions[0] * RowBytes(dimensions))];
            ReadExactly(stream, data, path);
            return (dimensions, data);
        }
    }

    /// <summary>Opens an IDX file, checks its header, and returns its dimensions and the stream positioned at the first value.</summary>
    internal static (int[] Dimensions, Stream Data) Open(string path, int expectedDimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = File.OpenRead(path);
        Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            Span<byte> magic = stackalloc byte[4];
            ReadExactly(stream, magic, path);
            if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] != expectedDimensions)
            {
                throw new InvalidDataException(
                    $"'{path}' is not an IDX file of unsigned bytes with {expectedDimensions} dimension(s) (magic {Convert.ToHexString(magic)}).");
            }

            var dimensions = new int[expectedDimensions];
            Span<byte> size = stackalloc byte[4];
            for (var i = 0; i < expectedDimensions; i++)
            {
                ReadExactly(stream, size, path);
                dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(size);
                if (dimensions[i] < 0 || (i > 0 && dimensions[i] == 0))
                {
                    throw new InvalidDataException($"'{path}' declares dimension {i} as {dimensions[i]}.");
                }
            }

            return (dimensions, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of one row: the product of the dimensions after the first.</summary>
    internal static int RowBytes(int[] dimensions) => checked((int)dimensions.Skip(1).Aggregate(1L, (product, d) => product * d));

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="stream"/>; a file that ends first is an error naming it.</summary>
    internal static void ReadExactly(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' ends before its declared size.", e);
        }
    }
}
