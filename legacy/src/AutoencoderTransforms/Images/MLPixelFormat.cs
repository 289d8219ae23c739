namespace Autoencoders.Data;

/// <summary>
/// How an <see cref="MLImage"/> holds its pixels: interleaved samples, rows top to bottom.
/// <see cref="Bgra32"/> and <see cref="Rgba32"/> are ML.NET's (and keep its numbers); the others
/// keep grey, colour without alpha and 16-bit images as decoded.
/// </summary>
public enum MLPixelFormat
{
    /// <summary>Blue, green, red and alpha bytes.</summary>
    Bgra32 = 1,

    /// <summary>Red, green, blue and alpha bytes (accepted by <see cref="MLImage.CreateFromPixels"/>, held as <see cref="Bgra32"/>).</summary>
    Rgba32 = 2,

    /// <summary>One grey byte.</summary>
    Gray8 = 3,

    /// <summary>Blue, green and red bytes.</summary>
    Bgr24 = 4,

    /// <summary>One 16-bit grey sample.</summary>
    Gray16 = 5,

    /// <summary>Blue, green and red 16-bit samples.</summary>
    Bgr48 = 6,

    /// <summary>Blue, green, red and alpha 16-bit samples.</summary>
    Bgra64 = 7,
}
