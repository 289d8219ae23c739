using System.Runtime.InteropServices;
using Autoencoders.Trainers;

namespace Autoencoders.Data;

/// <summary>
/// An image in memory, as ML.NET's <c>MLImage</c>: what image columns hold. Decoded through
/// OpenCV (PNG, JPEG, BMP, TIFF, PNM; 8- or 16-bit; grey, colour, colour with alpha) and kept as
/// decoded, in one of the <see cref="MLPixelFormat"/>s. Disposing releases the pixels.
/// </summary>
public sealed class MLImage : IDisposable
{
    private byte[]? _pixels;

    internal MLImage(byte[] pixels, ImageLayout layout)
    {
        layout.RequireLength(pixels.Length, nameof(pixels));
        _pixels = pixels;
        Layout = layout;
    }

    /// <summary>Pixels per row.</summary>
    public int Width => Layout.Width;

    /// <summary>Rows of pixels.</summary>
    public int Height => Layout.Height;

    /// <summary>How the pixels are held.</summary>
    public MLPixelFormat PixelFormat => (Layout.Channels, Layout.BitsPerSample) switch
    {
        (1, 8) => MLPixelFormat.Gray8,
        (3, 8) => MLPixelFormat.Bgr24,
        (4, 8) => MLPixelFormat.Bgra32,
        (1, _) => MLPixelFormat.Gray16,
        (3, _) => MLPixelFormat.Bgr48,
        _ => MLPixelFormat.Bgra64,
    };

    /// <summary>Bits per pixel: 8 to 64.</summary>
    public int BitsPerPixel => Layout.Channels * Layout.BitsPerSample;

    /// <summary>Anything the caller wants to keep with the image, e.g. where it came from.</summary>
    public string? Tag { get; set; }

    /// <summary>The pixels, laid out as <see cref="PixelFormat"/> says.</summary>
    /// <exception cref="ObjectDisposedException">The image was disposed.</exception>
    public ReadOnlySpan<byte> Pixels => _pixels ?? throw new ObjectDisposedException(nameof(MLImage));

    internal ImageLayout Layout { get; }

    /// <summary>Decodes an image file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is no image the codecs decode (unknown format, truncated, damaged), naming it.</exception>
    public static MLImage CreateFromFile(string imagePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        return Decode(File.ReadAllBytes(imagePath), $"'{imagePath}'", imagePath);
    }

    /// <summary>Decodes the image <paramref name="imageStream"/> holds, reading it to its end.</summary>
    /// <exception cref="InvalidDataException">The bytes are no image the codecs decode.</exception>
    public static MLImage CreateFromStream(Stream imageStream)
    {
        ArgumentNullException.ThrowIfNull(imageStream);
        using var bytes = new MemoryStream();
        imageStream.CopyTo(bytes);
        return Decode(bytes.ToArray(), "The stream", tag: null);
    }

    /// <summary>An image of the given pixels (copied); <see cref="MLPixelFormat.Rgba32"/> pixels are held as <see cref="MLPixelFormat.Bgra32"/>.</summary>
    /// <exception cref="ArgumentException">The size is out of range, or the pixel count does not match it.</exception>
    public static MLImage CreateFromPixels(int width, int height, MLPixelFormat pixelFormat, ReadOnlySpan<byte> imagePixelData)
    {
        var (channels, bits) = pixelFormat switch
        {
            MLPixelFormat.Gray8 => (1, 8),
            MLPixelFormat.Bgr24 => (3, 8),
            MLPixelFormat.Bgra32 or MLPixelFormat.Rgba32 => (4, 8),
            MLPixelFormat.Gray16 => (1, 16),
            MLPixelFormat.Bgr48 => (3, 16),
            MLPixelFormat.Bgra64 => (4, 16),
            _ => throw new ArgumentOutOfRangeException(nameof(pixelFormat), pixelFormat, "Not a pixel format."),
        };
        var layout = new ImageLayout(height, width, channels, bits);
        layout.RequireLength(imagePixelData.Length, nameof(imagePixelData));
        var pixels = imagePixelData.ToArray();
        if (pixelFormat == MLPixelFormat.Rgba32)
        {
            for (var i = 0; i < pixels.Length; i += 4) (pixels[i], pixels[i + 2]) = (pixels[i + 2], pixels[i]);
        }

        return new MLImage(pixels, layout);
    }

    /// <summary>Writes the image in the format the extension names (.png keeps every format exactly; .jpg loses detail and alpha).</summary>
    /// <exception cref="ObjectDisposedException">The image was disposed.</exception>
    /// <exception cref="AutoencoderNativeException">The codec could not write the file.</exception>
    public void Save(string imagePath) => ImageFile.Write(imagePath, Pixels, Layout);

    /// <summary>
    /// Copies channel <paramref name="channel"/> of every pixel, in pixel order, to
    /// <paramref name="values"/>[i × <paramref name="stride"/>]: 0, 1, 2, 3 are blue, green, red,
    /// alpha (a grey image's one sample stands for all three colours; an image without alpha is opaque).
    /// </summary>
    internal void ReadChannel(int channel, Span<float> values, int stride)
    {
        var (channels, count) = (Layout.Channels, Layout.Height * Layout.Width);
        if (channel == 3 && channels < 4)
        {
            var opaque = Layout.BitsPerSample == 8 ? byte.MaxValue : ushort.MaxValue;
            for (var pixel = 0; pixel < count; pixel++) values[pixel * stride] = opaque;
            return;
        }

        var offset = channels == 1 ? 0 : channel;
        if (Layout.BitsPerSample == 8)
        {
            var samples = Pixels;
            for (var pixel = 0; pixel < count; pixel++) values[pixel * stride] = samples[pixel * channels + offset];
        }
        else
        {
            var samples = MemoryMarshal.Cast<byte, ushort>(Pixels);
            for (var pixel = 0; pixel < count; pixel++) values[pixel * stride] = samples[pixel * channels + offset];
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pixels = null;

    private static MLImage Decode(byte[] bytes, string source, string? tag)
    {
        string? problem = null;
        if (IsTruncatedJpeg(bytes))
        {
            problem = "the JPEG data ends before its end-of-image marker (the file is truncated)";
        }
        else
        {
            try
            {
                var pixels = ImageFile.Decode(bytes, out var layout);
                return new MLImage(pixels, layout) { Tag = tag };
            }
            catch (Exception error) when (error is AutoencoderNativeException or ArgumentException)
            {
                problem = error is AutoencoderNativeException native ? native.NativeMessage : error.Message;
            }
        }

        throw new InvalidDataException($"{source} is not an image that can be decoded: {problem}.");
    }

    /// <summary>
    /// Whether the bytes start as a JPEG but do not end with its end-of-image marker: the JPEG
    /// decoder fills what is missing with grey and only warns, so a cut-off file would load.
    /// </summary>
    private static bool IsTruncatedJpeg(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF) return false;
        var end = bytes.TrimEnd((byte)0);
        return end.Length < 4 || end[^2] != 0xFF || end[^1] != 0xD9;
    }
}
