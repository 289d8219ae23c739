namespace Autoencoders.Transforms.Image;

/// <summary>What <c>ml.Transforms.ResizeImages</c> returns: fitting gives its <see cref="ImageResizingTransformer"/>.</summary>
public sealed class ImageResizingEstimator : TrivialEstimator<ImageResizingTransformer>
{
    internal ImageResizingEstimator(ImageResizingTransformer transformer) : base(transformer)
    {
    }

    /// <summary>How an image meets a size of another aspect ratio, as in ML.NET.</summary>
    public enum ResizingKind
    {
        /// <summary>Stretches the image to the size, changing its aspect ratio.</summary>
        Fill = 0,

        /// <summary>Scales the whole image to fit, keeping its aspect ratio, centred on black (and transparent) padding.</summary>
        IsoPad = 1,

        /// <summary>Scales the image to cover the size, keeping its aspect ratio, and crops what is outside (where the anchor says).</summary>
        IsoCrop = 2,
    }

    /// <summary>Which part of the image <see cref="ResizingKind.IsoCrop"/> keeps, as in ML.NET.</summary>
    public enum Anchor
    {
        /// <summary>The right edge (centred vertically).</summary>
        Right = 0,

        /// <summary>The left edge (centred vertically).</summary>
        Left = 1,

        /// <summary>The top edge (centred horizontally).</summary>
        Top = 2,

        /// <summary>The bottom edge (centred horizontally).</summary>
        Bottom = 3,

        /// <summary>The centre.</summary>
        Center = 4,
    }
}
