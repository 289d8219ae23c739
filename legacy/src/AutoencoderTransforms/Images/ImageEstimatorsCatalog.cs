using Autoencoders.Transforms.Image;
using static Autoencoders.Transforms.Image.ImagePixelExtractingEstimator;

namespace Autoencoders;

/// <summary>ML.NET's image transforms on <c>ml.Transforms</c>: loading, resizing, greying, pixels to vectors and back; and anomaly maps.</summary>
public static class ImageEstimatorsCatalog
{
    /// <summary>Loads the images whose paths a text column holds (see <see cref="ImageLoadingTransformer"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column produced (of no fixed size).</param>
    /// <param name="imageFolder">The folder the paths are relative to; null or empty to use them as given.</param>
    /// <param name="inputColumnName">The text column of paths; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="skipUnreadableImages">
    /// Not in ML.NET, which fails: true drops the rows whose file is missing or no image, each with a
    /// warning on <see cref="MLContext.Log"/>; false (the default) fails the pass, naming the file and row.
    /// </param>
    public static ImageLoadingEstimator LoadImages(this TransformsCatalog catalog, string outputColumnName, string? imageFolder, string? inputColumnName = null,
        bool skipUnreadableImages = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ImageLoadingTransformer(catalog.Context, imageFolder, skipUnreadableImages, outputColumnName, inputColumnName));
    }

    /// <summary>Resizes images to one size (see <see cref="ImageResizingTransformer"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column produced.</param>
    /// <param name="imageWidth">The width of every output image.</param>
    /// <param name="imageHeight">The height of every output image.</param>
    /// <param name="inputColumnName">The image column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="resizing">How other aspect ratios fit: cropped (the default, as ML.NET's), padded or stretched.</param>
    /// <param name="cropAnchor">The part a crop keeps.</param>
    public static ImageResizingEstimator ResizeImages(this TransformsCatalog catalog, string outputColumnName, int imageWidth, int imageHeight,
        string? inputColumnName = null, ImageResizingEstimator.ResizingKind resizing = ImageResizingEstimator.ResizingKind.IsoCrop,
        ImageResizingEstimator.Anchor cropAnchor = ImageResizingEstimator.Anchor.Center)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ImageResizingTransformer(outputColumnName, imageWidth, imageHeight, inputColumnName, resizing, cropAnchor));
    }

    /// <summary>Makes images grey (see <see cref="ImageGrayscalingTransformer"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The image column produced.</param>
    /// <param name="inputColumnName">The image column read; defaults to <paramref name="outputColumnName"/>.</param>
    public static ImageGrayscalingEstimator ConvertToGrayscale(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new ImageGrayscalingTransformer(outputColumnName, inputColumnName));
    }

    /// <summary>Turns images of one size into vectors of pixel values (see <see cref="ImagePixelExtractingTransformer"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The vector column produced.</param>
    /// <param name="inputColumnName">The image column read (of a known size); defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="colorsToExtract">The colours extracted; red, green and blue by default.</param>
    /// <param name="orderOfExtraction">Their order; alpha, red, green, blue by default.</param>
    /// <param name="interleavePixelColors">Whether each pixel's colours are together rather than one plane per colour.</param>
    /// <param name="offsetImage">Subtracted from each sample before scaling.</param>
    /// <param name="scaleImage">What each sample is multiplied by after the offset, e.g. 1/255 for values in [0, 1].</param>
    /// <param name="outputAsFloatArray">Accepted for ML.NET compatibility; must be true (vectors here hold Single values).</param>
    public static ImagePixelExtractingEstimator ExtractPixels(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        ColorBits colorsToExtract = ColorBits.Rgb, ColorsOrder orderOfExtraction = ColorsOrder.ARGB, bool interleavePixelColors = false,
        float offsetImage = 0f, float scaleImage = 1f, bool outputAsFloatArray = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!outputAsFloatArray)
        {
            throw new NotSupportedException("outputAsFloatArray must be true: vector columns here hold Single values.");
        }

        return new(new ImagePixelExtractingTransformer(outputColumnName, inputColumnName, colorsToExtract, orderOfExtraction, interleavePixelColors,
            offsetImage, scaleImage));
    }

    /// <summary>Turns vectors of pixel values into images (see <see cref="VectorToImageConvertingTransformer"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="imageHeight">The height of the images made.</param>
    /// <param name="imageWidth">The width of the images made.</param>
    /// <param name="outputColumnName">The image column produced.</param>
    /// <param name="inputColumnName">The vector column read; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="colorsPresent">The colours the vectors hold; red, green and blue by default.</param>
    /// <param name="orderOfColors">Their order; alpha, red, green, blue by default.</param>
    /// <param name="interleavedColors">Whether each pixel's colours are together rather than one plane per colour.</param>
    /// <param name="scaleImage">What each value is multiplied by, e.g. 255 for values in [0, 1].</param>
    /// <param name="offsetImage">Subtracted after scaling.</param>
    /// <param name="defaultAlpha">The alpha where the vectors hold none.</param>
    /// <param name="defaultRed">The red where the vectors hold none.</param>
    /// <param name="defaultGreen">The green where the vectors hold none.</param>
    /// <param name="defaultBlue">The blue where the vectors hold none.</param>
    public static VectorToImageConvertingEstimator ConvertToImage(this TransformsCatalog catalog, int imageHeight, int imageWidth, string outputColumnName,
        string? inputColumnName = null, ColorBits colorsPresent = ColorBits.Rgb, ColorsOrder orderOfColors = ColorsOrder.ARGB, bool interleavedColors = false,
        float scaleImage = 1f, float offsetImage = 0f, int defaultAlpha = 255, int defaultRed = 0, int defaultGreen = 0, int defaultBlue = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(new VectorToImageConvertingTransformer(imageHeight, imageWidth, outputColumnName, inputColumnName, colorsPresent, orderOfColors,
            interleavedColors, scaleImage, offsetImage, defaultAlpha, defaultRed, defaultGreen, defaultBlue));
    }

    /// <summary>
    /// Not in ML.NET: the per-pixel anomaly map of images from their per-value reconstruction errors
    /// (see <see cref="AnomalyMapTransformer"/>), e.g. the detector's
    /// <c>FeatureContributionsColumnName</c> column, to show where each image is anomalous.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The map column produced: height x width values.</param>
    /// <param name="inputColumnName">The errors: channel planes of height x width values.</param>
    /// <param name="shape">The images' channels, height and width.</param>
    /// <param name="smoothingSigma">The Gaussian smoothing in pixels; 0 for none. Defaults to 2.</param>
    public static AnomalyMapTransformer AnomalyMap(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, ImageShape shape,
        float smoothingSigma = 2f)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(outputColumnName, inputColumnName, shape, smoothingSigma);
    }

    /// <summary>
    /// Not in ML.NET: the per-pixel structural dissimilarity (1 - SSIM) of images and their
    /// reconstructions (see <see cref="StructuralDissimilarityMapTransformer"/>), the AE-SSIM anomaly
    /// map; the reconstructions come from the detector's <c>ReconstructionColumnName</c> column.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The map column produced: height x width values in [0, 2].</param>
    /// <param name="inputColumnName">The images: channel planes of height x width values in [0, 1].</param>
    /// <param name="reconstructionColumnName">Their reconstructions, laid out alike.</param>
    /// <param name="shape">The images' channels, height and width.</param>
    /// <param name="windowSigma">The SSIM windows' Gaussian standard deviation in pixels. Defaults to 1.5, as Wang et al.</param>
    public static StructuralDissimilarityMapTransformer StructuralDissimilarityMap(this TransformsCatalog catalog, string outputColumnName, string inputColumnName,
        string reconstructionColumnName, ImageShape shape, float windowSigma = 1.5f)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new(outputColumnName, inputColumnName, reconstructionColumnName, shape, windowSigma);
    }
}
