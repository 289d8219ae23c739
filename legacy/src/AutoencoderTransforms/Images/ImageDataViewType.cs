namespace Autoencoders.Data;

/// <summary>
/// The type of an image column (values are <see cref="MLImage"/>), as ML.NET's: of a known size
/// (every image <see cref="Height"/> x <see cref="Width"/>, e.g. after <c>ResizeImages</c>) or of
/// none (0 x 0, e.g. straight from <c>LoadImages</c>).
/// </summary>
public sealed class ImageDataViewType : DataViewType
{
    /// <summary>Images of any size.</summary>
    public ImageDataViewType() : base(typeof(MLImage))
    {
    }

    /// <summary>Images of one size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1.</exception>
    public ImageDataViewType(int height, int width) : base(typeof(MLImage))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        (Height, Width) = (height, width);
    }

    /// <summary>Rows of pixels of every image, or 0 when sizes may differ.</summary>
    public int Height { get; }

    /// <summary>Pixels per row of every image, or 0 when sizes may differ.</summary>
    public int Width { get; }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is ImageDataViewType image && image.Height == Height && image.Width == Width;

    /// <inheritdoc />
    public override string ToString() => Height == 0 ? "Image" : $"Image<{Height}, {Width}>";

    /// <summary>Reads the form <see cref="ToString"/> writes; null when the text is no image type.</summary>
    internal static ImageDataViewType? TryParse(string text)
    {
        if (text == "Image") return new ImageDataViewType();
        const string prefix = "Image<";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith('>')) return null;
        var sides = text[prefix.Length..^1].Split(", ");
        return sides.Length == 2 && int.TryParse(sides[0], out var height) && int.TryParse(sides[1], out var width) && height > 0 && width > 0
            ? new ImageDataViewType(height, width)
            : null;
    }
}
