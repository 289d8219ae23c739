using System.Text.Json.Nodes;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// The per-pixel structural dissimilarity of images and their reconstructions, as the AE-SSIM
/// baseline of visual inspection scores them (Bergmann et al. 2019): 1 - SSIM over Gaussian windows
/// of <see cref="WindowSigma"/> pixels, averaged over channels. Where the squared error sees only
/// brightness differences pixel by pixel, SSIM compares each neighbourhood's mean, contrast and
/// structure, so a lost texture or a blurred edge shows even when brightness is close. The output is
/// a vector of height x width values in [0, 2], row after row. Pixels are expected in [0, 1].
/// </summary>
public sealed class StructuralDissimilarityMapTransformer : OneToOneColumnTransformer<StructuralDissimilarityMapTransformer>
{
    internal const string Kind = "structural-dissimilarity-map";

    internal StructuralDissimilarityMapTransformer(string outputColumnName, string inputColumnName, string reconstructionColumnName, ImageShape shape, float windowSigma)
        : base(outputColumnName, inputColumnName)
    {
        ReconstructionColumnName = SchemaRequirements.RequireName(reconstructionColumnName, nameof(reconstructionColumnName));
        ImageProcessing.RequireMapShape(shape, ImageProcessing.DissimilarityMaximumChannels);
        ImageProcessing.RequireSigma(windowSigma, allowNone: false, nameof(windowSigma));

        (Shape, WindowSigma) = (shape, windowSigma);
    }

    /// <summary>The column of reconstructions compared with the images (<see cref="OneToOneColumnTransformer{TSelf}.InputColumnName"/>).</summary>
    public string ReconstructionColumnName { get; }

    /// <summary>The shape of the images.</summary>
    public ImageShape Shape { get; }

    /// <summary>The standard deviation, in pixels, of the Gaussian windows SSIM is computed over.</summary>
    public float WindowSigma { get; }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, Shape.Size);
        SchemaRequirements.RequireFeatureColumn(inputSchema, ReconstructionColumnName, Shape.Size);
        return inputSchema.With((OutputColumnName, new VectorDataViewType(Shape.Height * Shape.Width)));
    }

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var pixels = Shape.Height * Shape.Width;
        return new MappedDataView(input, [InputColumnName, ReconstructionColumnName], [(OutputColumnName, new VectorDataViewType(pixels))], block =>
        {
            var images = block.GetValues<float>(block.Schema[InputColumnName]).Span;
            var reconstructions = block.GetValues<float>(block.Schema[ReconstructionColumnName]).Span;
            var maps = new float[block.RowCount * pixels];
            for (var row = 0; row < block.RowCount; row++)
            {
                ImageProcessing.StructuralDissimilarity(images.Slice(row * Shape.Size, Shape.Size), reconstructions.Slice(row * Shape.Size, Shape.Size), Shape,
                    maps.AsSpan(row * pixels, pixels), WindowSigma);
            }

            return [maps];
        });
    }

    private protected override void SaveSettings(JsonObject json)
    {
        json["reconstruction"] = ReconstructionColumnName;
        json["shape"] = new JsonArray(Shape.Channels, Shape.Height, Shape.Width);
        json["window"] = WindowSigma;
    }

    internal static StructuralDissimilarityMapTransformer Load(JsonObject json)
    {
        var shape = json["shape"]!.AsArray().Select(node => (int)node!).ToArray();
        if (shape.Length != 3) throw new InvalidDataException("A structural dissimilarity map records its image shape as (channels, height, width).");
        return new((string)json["output"]!, (string)json["input"]!, (string)json["reconstruction"]!, new ImageShape(shape[0], shape[1], shape[2]), (float)json["window"]!);
    }
}
