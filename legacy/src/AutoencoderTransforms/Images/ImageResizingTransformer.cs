using System.Text.Json.Nodes;
using Autoencoders.Trainers;
using static Autoencoders.Transforms.Image.ImageResizingEstimator;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// Resizes the images of a column to one size, as ML.NET's <c>ResizeImages</c>: stretched, padded
/// or cropped (<see cref="ImageResizingEstimator.ResizingKind"/>), by area averaging when shrinking
/// and bilinearly when enlarging. The pixel format is kept. The output column has a known size.
/// </summary>
public sealed class ImageResizingTransformer : OneToOneColumnTransformer<ImageResizingTransformer>
{
    internal const string Kind = "resize-images";

    internal ImageResizingTransformer(string outputColumnName, int imageWidth, int imageHeight, string? inputColumnName, ResizingKind resizing, Anchor cropAnchor)
        : base(outputColumnName, inputColumnName)
    {
        new ImageLayout(imageHeight, imageWidth, 1, 8).Validate();
        if (!Enum.IsDefined(resizing)) throw new ArgumentOutOfRangeException(nameof(resizing), resizing, "Not a resizing kind.");
        if (!Enum.IsDefined(cropAnchor)) throw new ArgumentOutOfRangeException(nameof(cropAnchor), cropAnchor, "Not an anchor.");
        (ImageWidth, ImageHeight, Resizing, CropAnchor) = (imageWidth, imageHeight, resizing, cropAnchor);
    }

    /// <summary>The width of every output image.</summary>
    public int ImageWidth { get; }

    /// <summary>The height of every output image.</summary>
    public int ImageHeight { get; }

    /// <summary>How images of another aspect ratio are made to fit.</summary>
    public ResizingKind Resizing { get; }

    /// <summary>The part of the image a crop keeps.</summary>
    public Anchor CropAnchor { get; }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireImageColumn(inputSchema, InputColumnName);
        return inputSchema.With((OutputColumnName, new ImageDataViewType(ImageHeight, ImageWidth)));
    }

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, new ImageDataViewType(ImageHeight, ImageWidth))], block =>
            [ImageMapping.Map(block.GetValues<MLImage?>(block.Schema[InputColumnName]).Span, Resize)]);
    }

    /// <summary>The image resized, its pixel format kept.</summary>
    internal MLImage Resize(MLImage image)
    {
        var layout = image.Layout;
        var target = layout with { Height = ImageHeight, Width = ImageWidth };
        var (from, to) = Geometry(layout.Width, layout.Height);
        var pixels = new byte[target.Length];
        ImageProcessing.Resize(image.Pixels, layout, from, pixels, target, to);
        return new MLImage(pixels, target);
    }

    /// <summary>The rectangle of a <paramref name="width"/> x <paramref name="height"/> image that is resized, and the rectangle of the output it fills.</summary>
    internal (PixelRectangle From, PixelRectangle To) Geometry(int width, int height)
    {
        var whole = new PixelRectangle(0, 0, width, height);
        var output = new PixelRectangle(0, 0, ImageWidth, ImageHeight);
        var (scaleX, scaleY) = ((double)ImageWidth / width, (double)ImageHeight / height);
        switch (Resizing)
        {
            case ResizingKind.IsoPad:
            {
                var scale = Math.Min(scaleX, scaleY);
                var (fitWidth, fitHeight) = (Fit(width * scale, ImageWidth), Fit(height * scale, ImageHeight));
                return (whole, new PixelRectangle((ImageWidth - fitWidth) / 2, (ImageHeight - fitHeight) / 2, fitWidth, fitHeight));
            }

            case ResizingKind.IsoCrop:
            {
                var scale = Math.Max(scaleX, scaleY);
                var (keptWidth, keptHeight) = (Fit(ImageWidth / scale, width), Fit(ImageHeight / scale, height));
                var x = CropAnchor switch { Anchor.Left => 0, Anchor.Right => width - keptWidth, _ => (width - keptWidth) / 2 };
                var y = CropAnchor switch { Anchor.Top => 0, Anchor.Bottom => height - keptHeight, _ => (height - keptHeight) / 2 };
                return (new PixelRectangle(x, y, keptWidth, keptHeight), output);
            }

            default:
                return (whole, output);
        }
    }

    private static int Fit(double side, int limit) => Math.Clamp((int)Math.Round(side), 1, limit);

    private protected override void SaveSettings(JsonObject json)
    {
        json["width"] = ImageWidth;
        json["height"] = ImageHeight;
        json["resizing"] = Resizing.ToString();
        json["anchor"] = CropAnchor.ToString();
    }

    internal static ImageResizingTransformer Load(JsonObject json) => new((string)json["output"]!, (int)json["width"]!, (int)json["height"]!,
        (string)json["input"]!, Enum.Parse<ResizingKind>((string)json["resizing"]!), Enum.Parse<Anchor>((string)json["anchor"]!));
}
