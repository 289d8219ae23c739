using System.Text.Json.Nodes;
using Autoencoders.Trainers;
using static Autoencoders.Transforms.Image.ImagePixelExtractingEstimator;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// Turns vectors of pixel values back into images, as ML.NET's <c>ConvertToImage</c> (e.g. to look
/// at reconstructions): the colours present, in their order, planar or interleaved; each sample is
/// value × scale − offset, rounded and clamped to 0..255; colours not present take their default.
/// The images are 8-bit colour (<see cref="MLPixelFormat.Bgr24"/>), with alpha
/// (<see cref="MLPixelFormat.Bgra32"/>) when alpha is present or its default is not 255.
/// </summary>
public sealed class VectorToImageConvertingTransformer : OneToOneColumnTransformer<VectorToImageConvertingTransformer>
{
    internal const string Kind = "vector-to-image";
    private readonly int[] _planes;

    internal VectorToImageConvertingTransformer(int imageHeight, int imageWidth, string outputColumnName, string? inputColumnName, ColorBits colorsPresent,
        ColorsOrder orderOfColors, bool interleavedColors, float scaleImage, float offsetImage, int defaultAlpha, int defaultRed, int defaultGreen, int defaultBlue)
        : base(outputColumnName, inputColumnName)
    {
        new ImageLayout(imageHeight, imageWidth, 3, 8).Validate();
        _planes = Planes(colorsPresent, orderOfColors);
        RequireOffsetAndScale(offsetImage, scaleImage);
        foreach (var (value, name) in new[] { (defaultAlpha, nameof(defaultAlpha)), (defaultRed, nameof(defaultRed)), (defaultGreen, nameof(defaultGreen)), (defaultBlue, nameof(defaultBlue)) })
        {
            if (value is < 0 or > 255) throw new ArgumentOutOfRangeException(name, value, "Default colours are 0 to 255.");
        }

        (ImageHeight, ImageWidth, ColorsPresent, OrderOfColors, InterleavedColors, ScaleImage, OffsetImage) =
            (imageHeight, imageWidth, colorsPresent, orderOfColors, interleavedColors, scaleImage, offsetImage);
        Defaults = [(byte)defaultBlue, (byte)defaultGreen, (byte)defaultRed, (byte)defaultAlpha];
    }

    /// <summary>The height of the images made.</summary>
    public int ImageHeight { get; }

    /// <summary>The width of the images made.</summary>
    public int ImageWidth { get; }

    /// <summary>The colours the vectors hold.</summary>
    public ColorBits ColorsPresent { get; }

    /// <summary>Their order.</summary>
    public ColorsOrder OrderOfColors { get; }

    /// <summary>Whether each pixel's colours are together (true) or each colour is a plane (false).</summary>
    public bool InterleavedColors { get; }

    /// <summary>What each value is multiplied by.</summary>
    public float ScaleImage { get; }

    /// <summary>Subtracted after scaling.</summary>
    public float OffsetImage { get; }

    /// <summary>The blue, green, red and alpha of colours the vectors do not hold.</summary>
    private byte[] Defaults { get; }

    private bool HasAlpha => ColorsPresent.HasFlag(ColorBits.Alpha) || Defaults[3] != 255;

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var size = _planes.Length * ImageHeight * ImageWidth;
        var column = SchemaRequirements.RequireColumn(inputSchema, InputColumnName);
        if (column.Type is not VectorDataViewType vector || vector.Size != size)
        {
            throw new ArgumentException(
                $"Column '{InputColumnName}' is {column.Type}, but {_planes.Length} colour planes of {ImageHeight} x {ImageWidth} pixels need a vector of {size} Single values.",
                nameof(inputSchema));
        }

        return inputSchema.With((OutputColumnName, new ImageDataViewType(ImageHeight, ImageWidth)));
    }

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var size = _planes.Length * ImageHeight * ImageWidth;
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, new ImageDataViewType(ImageHeight, ImageWidth))], block =>
        {
            var values = block.GetValues<float>(block.Schema[InputColumnName]);
            var images = new MLImage[block.RowCount];
            for (var i = 0; i < images.Length; i++)
            {
                images[i] = ToImage(values.Span.Slice(i * size, size));
            }

            return [images];
        });
    }

    private MLImage ToImage(ReadOnlySpan<float> values)
    {
        var layout = new ImageLayout(ImageHeight, ImageWidth, HasAlpha ? 4 : 3, 8);
        var pixels = new byte[layout.Length];
        var count = ImageHeight * ImageWidth;
        for (var pixel = 0; pixel < count; pixel++)
        {
            Defaults.AsSpan(0, layout.Channels).CopyTo(pixels.AsSpan(pixel * layout.Channels));
        }

        for (var plane = 0; plane < _planes.Length; plane++)
        {
            var channel = _planes[plane];
            for (var pixel = 0; pixel < count; pixel++)
            {
                var value = values[InterleavedColors ? pixel * _planes.Length + plane : plane * count + pixel] * ScaleImage - OffsetImage;
                pixels[pixel * layout.Channels + channel] = float.IsNaN(value) ? (byte)0 : (byte)Math.Clamp(MathF.Round(value), 0f, 255f);
            }
        }

        return new MLImage(pixels, layout);
    }

    private protected override void SaveSettings(JsonObject json)
    {
        json["height"] = ImageHeight;
        json["width"] = ImageWidth;
        json["colors"] = ColorsPresent.ToString();
        json["order"] = OrderOfColors.ToString();
        json["interleave"] = InterleavedColors;
        json["scale"] = ScaleImage;
        json["offset"] = OffsetImage;
        json["defaults"] = new JsonArray(Defaults.Select(value => (JsonNode)(int)value).ToArray());
    }

    internal static VectorToImageConvertingTransformer Load(JsonObject json)
    {
        var defaults = json["defaults"]!.AsArray().Select(node => (int)node!).ToArray();
        if (defaults.Length != 4) throw new InvalidDataException("An image conversion records four default colours.");
        return new((int)json["height"]!, (int)json["width"]!, (string)json["output"]!, (string)json["input"]!,
            Enum.Parse<ColorBits>((string)json["colors"]!), Enum.Parse<ColorsOrder>((string)json["order"]!), (bool)json["interleave"]!,
            (float)json["scale"]!, (float)json["offset"]!, defaults[3], defaults[2], defaults[1], defaults[0]);
    }
}
