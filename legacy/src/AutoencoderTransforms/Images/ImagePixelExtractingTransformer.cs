using System.Text.Json.Nodes;
using static Autoencoders.Transforms.Image.ImagePixelExtractingEstimator;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// Turns the images of a column into vectors of pixel values, as ML.NET's <c>ExtractPixels</c>:
/// the colours asked for, in their order, plane after plane (or interleaved per pixel), each value
/// (sample − offset) × scale, samples being 0..255 (0..65,535 for 16-bit images). A grey image
/// gives its grey for red, green and blue; an image without alpha is opaque. The images must all
/// be of the column's one size (resize them first); no image (null) gives missing values (NaN).
/// </summary>
public sealed class ImagePixelExtractingTransformer : OneToOneColumnTransformer<ImagePixelExtractingTransformer>
{
    internal const string Kind = "extract-pixels";
    private readonly int[] _planes;

    internal ImagePixelExtractingTransformer(string outputColumnName, string? inputColumnName, ColorBits colorsToExtract, ColorsOrder orderOfExtraction,
        bool interleavePixelColors, float offsetImage, float scaleImage)
        : base(outputColumnName, inputColumnName)
    {
        _planes = Planes(colorsToExtract, orderOfExtraction);
        RequireOffsetAndScale(offsetImage, scaleImage);
        (ColorsToExtract, OrderOfExtraction, InterleavePixelColors, OffsetImage, ScaleImage) =
            (colorsToExtract, orderOfExtraction, interleavePixelColors, offsetImage, scaleImage);
    }

    /// <summary>The colours extracted.</summary>
    public ColorBits ColorsToExtract { get; }

    /// <summary>Their order.</summary>
    public ColorsOrder OrderOfExtraction { get; }

    /// <summary>Whether each pixel's colours are together (true) or each colour is a plane of all pixels (false).</summary>
    public bool InterleavePixelColors { get; }

    /// <summary>Subtracted from each sample before scaling.</summary>
    public float OffsetImage { get; }

    /// <summary>What each sample is multiplied by after the offset.</summary>
    public float ScaleImage { get; }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var type = SchemaRequirements.RequireImageColumn(inputSchema, InputColumnName);
        if (type.Height == 0)
        {
            throw new ArgumentException(
                $"Column '{InputColumnName}' holds images of no fixed size, and pixels make vectors of one size: resize them first, " +
                $"e.g. ml.Transforms.ResizeImages(\"{InputColumnName}\", imageWidth: 28, imageHeight: 28).", nameof(inputSchema));
        }

        return inputSchema.With((OutputColumnName, new VectorDataViewType(checked(_planes.Length * type.Height * type.Width))));
    }

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputType = (VectorDataViewType)GetOutputSchema(input.Schema)[OutputColumnName].Type;
        var type = (ImageDataViewType)input.Schema[InputColumnName].Type;
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, outputType)], block =>
        {
            var images = block.GetValues<MLImage?>(block.Schema[InputColumnName]).Span;
            var values = new float[images.Length * outputType.Size];
            for (var i = 0; i < images.Length; i++)
            {
                var row = values.AsSpan(i * outputType.Size, outputType.Size);
                if (images[i] is not { } image)
                {
                    row.Fill(float.NaN);
                    continue;
                }

                if (image.Height != type.Height || image.Width != type.Width)
                {
                    throw new InvalidDataException(
                        $"Row {block.Position + i} of column '{InputColumnName}' is a {image.Width} x {image.Height} image, but the column's images are {type.Width} x {type.Height}.");
                }

                Extract(image, row);
            }

            return [values];
        });
    }

    private void Extract(MLImage image, Span<float> values)
    {
        var pixels = image.Height * image.Width;
        for (var plane = 0; plane < _planes.Length; plane++)
        {
            var (start, stride) = InterleavePixelColors ? (plane, _planes.Length) : (plane * pixels, 1);
            image.ReadChannel(_planes[plane], values[start..], stride);
        }

        if (OffsetImage != 0 || ScaleImage != 1)
        {
            foreach (ref var value in values) value = (value - OffsetImage) * ScaleImage;
        }
    }

    private protected override void SaveSettings(JsonObject json)
    {
        json["colors"] = ColorsToExtract.ToString();
        json["order"] = OrderOfExtraction.ToString();
        json["interleave"] = InterleavePixelColors;
        json["offset"] = OffsetImage;
        json["scale"] = ScaleImage;
    }

    internal static ImagePixelExtractingTransformer Load(JsonObject json) => new((string)json["output"]!, (string)json["input"]!,
        Enum.Parse<ColorBits>((string)json["colors"]!), Enum.Parse<ColorsOrder>((string)json["order"]!), (bool)json["interleave"]!,
        (float)json["offset"]!, (float)json["scale"]!);
}
