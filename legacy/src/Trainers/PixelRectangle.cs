namespace Autoencoders.Trainers;

/// <summary>A rectangle of pixels: its top-left corner and its size.</summary>
/// <param name="X">The leftmost column.</param>
/// <param name="Y">The top row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct PixelRectangle(int X, int Y, int Width, int Height)
{
    /// <summary>The whole of an image of <paramref name="layout"/>.</summary>
    public static PixelRectangle Whole(ImageLayout layout) => new(0, 0, layout.Width, layout.Height);

    internal void RequireInside(ImageLayout layout, string parameterName)
    {
        if (X < 0 || Y < 0 || Width < 1 || Height < 1 || (long)X + Width > layout.Width || (long)Y + Height > layout.Height)
        {
            throw new ArgumentOutOfRangeException(parameterName, this, $"The rectangle must lie inside the {layout.Width} x {layout.Height} image.");
        }
    }
}
