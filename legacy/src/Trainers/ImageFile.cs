using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>Decodes and writes images through OpenCV's codecs (PNG, JPEG, BMP, TIFF, ...).</summary>
public static class ImageFile
{
    /// <summary>
    /// Decodes an encoded image as stored (8- or 16-bit samples; grey, colour or colour with alpha;
    /// grey with alpha becomes colour with alpha), the format told by its content.
    /// </summary>
    /// <param name="encoded">The bytes of an image file.</param>
    /// <param name="layout">Receives how the returned pixels lie.</param>
    /// <returns>The pixels, laid out as <paramref name="layout"/> says.</returns>
    /// <exception cref="ArgumentException">There are no bytes.</exception>
    /// <exception cref="AutoencoderNativeException">The bytes are no image the codecs decode, or one of another depth or layout.</exception>
    public static unsafe byte[] Decode(ReadOnlySpan<byte> encoded, out ImageLayout layout)
    {
        if (encoded.IsEmpty)
        {
            throw new ArgumentException("An empty file is no image.", nameof(encoded));
        }

        TorchRuntime.EnsureInitialized();
        fixed (byte* bytes = encoded)
        {
            NativeStatus.Check(ImageNativeMethods.Decode(bytes, encoded.Length, out var pixels, out var length, out var height, out var width,
                out var channels, out var bits));
            layout = new ImageLayout((int)height, (int)width, (int)channels, (int)bits);
            return new ReadOnlySpan<byte>(pixels, checked((int)length)).ToArray();
        }
    }

    /// <summary>Writes pixels of <paramref name="layout"/> in the format the path's extension names (.png is lossless for every layout).</summary>
    /// <exception cref="ArgumentException">The pixel count does not match the layout, or the layout is out of range.</exception>
    /// <exception cref="AutoencoderNativeException">The codec could not write the file (unknown extension, unwritable path, a layout the format cannot hold).</exception>
    public static unsafe void Write(string path, ReadOnlySpan<byte> pixels, ImageLayout layout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        layout.RequireLength(pixels.Length, nameof(pixels));
        TorchRuntime.EnsureInitialized();
        fixed (byte* data = pixels)
        {
            NativeStatus.Check(ImageNativeMethods.Write(path, data, layout.Height, layout.Width, layout.Channels, layout.BitsPerSample));
        }
    }
}
