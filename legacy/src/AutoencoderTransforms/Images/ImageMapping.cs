namespace Autoencoders.Transforms.Image;

/// <summary>How the image transforms map a block of images: each image on its own; no image (null) stays none.</summary>
internal static class ImageMapping
{
    public static TOut?[] Map<TOut>(ReadOnlySpan<MLImage?> images, Func<MLImage, TOut> map) where TOut : class
    {
        var mapped = new TOut?[images.Length];
        for (var i = 0; i < images.Length; i++)
        {
            mapped[i] = images[i] is { } image ? map(image) : null;
        }

        return mapped;
    }
}
