namespace Autoencoders.Trainers;

/// <summary>
/// How an image's pixels lie in memory: <see cref="Height"/> rows of <see cref="Width"/> pixels,
/// top to bottom, each pixel <see cref="Channels"/> interleaved samples of
/// <see cref="BitsPerSample"/> bits (16-bit samples in the machine's byte order).
/// </summary>
/// <param name="Height">Rows of pixels, 1 to 65,535.</param>
/// <param name="Width">Pixels per row, 1 to 65,535.</param>
/// <param name="Channels">1 (grey), 3 (blue, green, red) or 4 (blue, green, red, alpha).</param>
/// <param name="BitsPerSample">8 or 16.</param>
public readonly record struct ImageLayout(int Height, int Width, int Channels, int BitsPerSample)
{
    /// <summary>The largest side, OpenCV's limit for the codecs used here.</summary>
    public const int MaximumSide = 65535;

    /// <summary>Bytes per pixel.</summary>
    public int BytesPerPixel => Channels * BitsPerSample / 8;

    /// <summary>Bytes of the whole image.</summary>
    public long Length => (long)Height * Width * BytesPerPixel;

    /// <summary>Throws unless every field is in its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side, the channel count or the sample bits is out of range.</exception>
    public void Validate()
    {
        if (Height is < 1 or > MaximumSide || Width is < 1 or > MaximumSide)
        {
            throw new ArgumentOutOfRangeException(nameof(Height), $"An image of {Height} x {Width} pixels: sides are 1 to {MaximumSide}.");
        }

        if (Channels is not (1 or 3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "Images have 1 (grey), 3 (colour) or 4 (colour and alpha) channels.");
        }

        if (BitsPerSample is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(BitsPerSample), BitsPerSample, "Image samples have 8 or 16 bits.");
        }
    }

    /// <summary>Throws unless <paramref name="pixels"/> holds exactly one image of this layout.</summary>
    internal void RequireLength(int pixels, string parameterName)
    {
        Validate();
        if (pixels != Length)
        {
            throw new ArgumentException($"{pixels} bytes do not make an image of {this}.", parameterName);
        }
    }
}
