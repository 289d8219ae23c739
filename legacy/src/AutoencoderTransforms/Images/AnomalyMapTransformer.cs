using System.Text.Json.Nodes;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// Turns per-value reconstruction errors of images (an anomaly detector's feature contributions,
/// channel planes of height x width values as <c>ExtractPixels</c> lays them out) into a per-pixel
/// anomaly map: the mean error over the channels, smoothed with a Gaussian of
/// <see cref="SmoothingSigma"/> pixels, as reconstruction-based visual inspection does. The output
/// is a vector of height x width values, row after row: where in the image the anomaly is.
/// </summary>
public sealed class AnomalyMapTransformer : OneToOneColumnTransformer<AnomalyMapTransformer>
{
    internal const string Kind = "anomaly-map";

    internal AnomalyMapTransformer(string outputColumnName, string inputColumnName, ImageShape shape, float smoothingSigma)
        : base(outputColumnName, inputColumnName)
    {
        ImageProcessing.RequireMapShape(shape, maximumChannels: int.MaxValue);
        ImageProcessing.RequireSigma(smoothingSigma, allowNone: true, nameof(smoothingSigma));

        (Shape, SmoothingSigma) = (shape, smoothingSigma);
    }

    /// <summary>The shape of the images the errors are of.</summary>
    public ImageShape Shape { get; }

    /// <summary>The standard deviation, in pixels, of the Gaussian the map is smoothed with; 0 for none.</summary>
    public float SmoothingSigma { get; }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, Shape.Size);
        return inputSchema.With((OutputColumnName, new VectorDataViewType(Shape.Height * Shape.Width)));
    }

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var pixels = Shape.Height * Shape.Width;
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, new VectorDataViewType(pixels))], block =>
        {
            var errors = block.GetValues<float>(block.Schema[InputColumnName]).Span;
            var maps = new float[block.RowCount * pixels];
            for (var row = 0; row < block.RowCount; row++)
            {
                ImageProcessing.ErrorMap(errors.Slice(row * Shape.Size, Shape.Size), Shape, maps.AsSpan(row * pixels, pixels), SmoothingSigma);
            }

            return [maps];
        });
    }

    private protected override void SaveSettings(JsonObject json)
    {
        json["shape"] = new JsonArray(Shape.Channels, Shape.Height, Shape.Width);
        json["sigma"] = SmoothingSigma;
    }

    internal static AnomalyMapTransformer Load(JsonObject json)
    {
        var shape = json["shape"]!.AsArray().Select(node => (int)node!).ToArray();
        if (shape.Length != 3) throw new InvalidDataException("An anomaly map records its image shape as (channels, height, width).");
        return new((string)json["output"]!, (string)json["input"]!, new ImageShape(shape[0], shape[1], shape[2]), (float)json["sigma"]!);
    }
}
