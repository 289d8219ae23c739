namespace Autoencoders.Trainers;

/// <summary>The shape of image rows: channels x height x width values, channel after channel, row after row.</summary>
/// <param name="Channels">Channels (1 for grey images).</param>
/// <param name="Height">Rows of pixels.</param>
/// <param name="Width">Columns of pixels.</param>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per image.</summary>
    /// <exception cref="OverflowException">The image holds more values than an Int32 counts.</exception>
    public int Size => checked(Channels * Height * Width);

    /// <summary>Whether every dimension is at least 1 and an image is exactly <paramref name="values"/> values.</summary>
    internal bool Holds(int values) => Channels >= 1 && Height >= 1 && Width >= 1 && (long)Channels * Height * Width == values;
}
