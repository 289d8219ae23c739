using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/image_api.cpp.</summary>
internal static unsafe partial class ImageNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_decode")]
    public static partial int Decode(byte* bytes, long length, out byte* pixels, out long pixelsLength, out long height, out long width,
        out long channels, out long bits);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_resize")]
    public static partial int Resize(byte* pixels, long height, long width, long channels, long bits, long fromX, long fromY, long fromWidth,
        long fromHeight, byte* target, long targetHeight, long targetWidth, long toX, long toY, long toWidth, long toHeight);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_grayscale")]
    public static partial int Grayscale(byte* pixels, long height, long width, long channels, long bits, byte* target);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_smooth")]
    public static partial int Smooth(float* values, long height, long width, double sigma);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_dissimilarity")]
    public static partial int Dissimilarity(float* image, float* reconstruction, long height, long width, long channels, double sigma, float* map);

    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_write", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Write(string path, byte* pixels, long height, long width, long channels, long bits);
}
