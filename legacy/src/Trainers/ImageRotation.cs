namespace Autoencoders.Trainers;

/// <summary>
/// Quarter turns of image rows, as <see cref="NoiseKind.Rotation"/> applies them in training: to
/// show or measure how a rotation-restoring autoencoder turns images back upright.
/// </summary>
public static class ImageRotation
{
    /// <summary>
    /// Each row of <paramref name="images"/> turned counter-clockwise by <paramref name="quarterTurns"/>
    /// times 90 degrees, every channel alike.
    /// </summary>
    /// <exception cref="ArgumentException">The images are not square, or the rows do not hold <paramref name="shape"/>.</exception>
    public static FeatureMatrix QuarterTurns(FeatureMatrix images, ImageShape shape, int quarterTurns)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Height != shape.Width || !shape.Holds(images.Columns))
        {
            throw new ArgumentException($"Quarter turns need square images holding a row's {images.Columns} values; {shape} does not.", nameof(shape));
        }

        var side = shape.Height;
        var turns = ((quarterTurns % 4) + 4) % 4;
        return ImageAugmentation.Remap(images, shape, (y, x) => turns switch
        {
            0 => (y, x),
            1 => (x, side - 1 - y),
            2 => (side - 1 - y, side - 1 - x),
            _ => (side - 1 - x, y),
        });
    }
}
