namespace Autoencoders.Transforms.Image;

/// <summary>What <c>ml.Transforms.ExtractPixels</c> returns: fitting gives its <see cref="ImagePixelExtractingTransformer"/>.</summary>
public sealed class ImagePixelExtractingEstimator : TrivialEstimator<ImagePixelExtractingTransformer>
{
    internal ImagePixelExtractingEstimator(ImagePixelExtractingTransformer transformer) : base(transformer)
    {
    }

    /// <summary>Which colours are extracted (or present), as ML.NET's flags.</summary>
    [Flags]
    public enum ColorBits : byte
    {
        /// <summary>Alpha (opaque where the image has none).</summary>
        Alpha = 0x01,

        /// <summary>Red (a grey image's grey).</summary>
        Red = 0x02,

        /// <summary>Green (a grey image's grey).</summary>
        Green = 0x04,

        /// <summary>Blue (a grey image's grey).</summary>
        Blue = 0x08,

        /// <summary>Red, green and blue.</summary>
        Rgb = Red | Green | Blue,

        /// <summary>Alpha, red, green and blue.</summary>
        All = Alpha | Rgb,
    }

    /// <summary>The order of the colours, as ML.NET's: alpha (when extracted) first, then the colours as named.</summary>
    public enum ColorsOrder : byte
    {
        /// <summary>Alpha, red, green, blue.</summary>
        ARGB = 1,

        /// <summary>Alpha, red, blue, green.</summary>
        ARBG = 2,

        /// <summary>Alpha, blue, red, green.</summary>
        ABRG = 3,

        /// <summary>Alpha, blue, green, red.</summary>
        ABGR = 4,

        /// <summary>Alpha, green, red, blue.</summary>
        AGRB = 5,

        /// <summary>Alpha, green, blue, red.</summary>
        AGBR = 6,
    }

    /// <summary>
    /// The channels of <see cref="MLImage"/> samples (0 blue, 1 green, 2 red, 3 alpha) that
    /// <paramref name="colors"/> names, in <paramref name="order"/>: one plane of values each.
    /// </summary>
    internal static int[] Planes(ColorBits colors, ColorsOrder order)
    {
        if (colors == 0 || (colors & ~ColorBits.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(colors), colors, "Name at least one of alpha, red, green and blue.");
        }

        if (!Enum.IsDefined(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Not a colour order.");
        }

        return order.ToString()
            .Select(letter => letter switch { 'A' => (ColorBits.Alpha, 3), 'R' => (ColorBits.Red, 2), 'G' => (ColorBits.Green, 1), _ => (ColorBits.Blue, 0) })
            .Where(color => colors.HasFlag(color.Item1))
            .Select(color => color.Item2)
            .ToArray();
    }

    /// <summary>Throws unless the offset is finite and the scale finite and not 0: what pixels to values and back need.</summary>
    internal static void RequireOffsetAndScale(float offsetImage, float scaleImage)
    {
        if (!float.IsFinite(offsetImage)) throw new ArgumentOutOfRangeException(nameof(offsetImage), offsetImage, "The offset must be finite.");
        if (!float.IsFinite(scaleImage) || scaleImage == 0) throw new ArgumentOutOfRangeException(nameof(scaleImage), scaleImage, "The scale must be finite and not 0.");
    }
}
