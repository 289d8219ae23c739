using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>Writes 8-bit pictures through OpenCV's codecs (PNG, JPEG, ... chosen by the file extension).</summary>
public static class ImageFile
{
    /// <summary>Writes <paramref name="height"/> x <paramref name="width"/> pixels of 1 (grey) or 3 (blue, green, red) interleaved channels.</summary>
    /// <exception cref="ArgumentException">The pixel count does not match the size, or a side is out of range.</exception>
    /// <exception cref="AutoencoderNativeException">The codec could not write the file.</exception>
    public static unsafe void Write(string path, ReadOnlySpan<byte> pixels, int height, int width, int channels = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Pictures have 1 (grey) or 3 (colour) channels.");
        }

        if (pixels.Length != (long)height * width * channels)
        {
            throw new ArgumentException($"{pixels.Length} bytes do not make a {height} x {width} x {channels} picture.", nameof(pixels));
        }

        TorchRuntime.EnsureInitialized();
        fixed (byte* data = pixels)
        {
            NativeStatus.Check(ImageNativeMethods.Write(path, data, height, width, channels));
        }
    }
}
