using System.Buffers.Binary;
using System.IO.Compression;
using Autoencoders.Data;

namespace Autoencoders.Tests;

/// <summary>
/// Writes tiny PNG and BMP files byte by byte, independently of the library's codecs, so decoded
/// pixels can be checked against values the test chose.
/// </summary>
internal static class TestImageFiles
{
    /// <summary>PNG colour types: grey, colour (RGB), grey and alpha, colour and alpha (RGBA).</summary>
    public enum PngColor : byte { Gray = 0, Rgb = 2, GrayAlpha = 4, Rgba = 6 }

    /// <summary>
    /// A PNG of <paramref name="width"/> x <paramref name="height"/> pixels: <paramref name="samples"/>
    /// row after row, each pixel's samples in PNG's order (R, G, B, A), of 8 or 16 bits.
    /// </summary>
    public static byte[] Png(int width, int height, PngColor color, int bits, IReadOnlyList<int> samples)
    {
        var channels = color switch { PngColor.Gray => 1, PngColor.GrayAlpha => 2, PngColor.Rgb => 3, _ => 4 };
        if (samples.Count != width * height * channels) throw new ArgumentException("Wrong sample count.", nameof(samples));
        var bytesPerSample = bits / 8;
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var i = 0; i < width * channels; i++)
            {
                var sample = samples[y * width * channels + i];
                if (bytesPerSample == 2) raw.WriteByte((byte)(sample >> 8));
                raw.WriteByte((byte)sample);
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = ((byte)bits, (byte)color);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 24-bit BMP: <paramref name="rgb"/> is red, green, blue per pixel, rows top to bottom.</summary>
    public static byte[] Bmp(int width, int height, IReadOnlyList<int> rgb)
    {
        var stride = (width * 3 + 3) / 4 * 4;
        var file = new byte[54 + stride * height];
        (file[0], file[1]) = ((byte)'B', (byte)'M');
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            // Bottom-up rows, blue-green-red pixels.
            var at = 54 + (height - 1 - y) * stride + x * 3;
            var pixel = (y * width + x) * 3;
            (file[at], file[at + 1], file[at + 2]) = ((byte)rgb[pixel + 2], (byte)rgb[pixel + 1], (byte)rgb[pixel]);
        }

        return file;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Checksums.Crc32(typed));
        png.Write(crc);
    }
}
