using System.Runtime.InteropServices;

namespace Autoencoders.Trainers.Native;

/// <summary>Mirrors src/Native/src/image_api.cpp.</summary>
internal static unsafe partial class ImageNativeMethods
{
    [LibraryImport(ShimLibrary.Name, EntryPoint = "ae_image_write", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Write(string path, byte* pixels, long height, long width, long channels);
}
