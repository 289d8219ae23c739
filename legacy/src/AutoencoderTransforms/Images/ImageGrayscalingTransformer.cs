using System.Text.Json.Nodes;
using Autoencoders.Trainers;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// Makes the images of a column grey, as ML.NET's <c>ConvertToGrayscale</c>: one channel of
/// 0.299 red + 0.587 green + 0.114 blue, of the same bits; alpha is dropped. The size is kept.
/// </summary>
public sealed class ImageGrayscalingTransformer : OneToOneColumnTransformer<ImageGrayscalingTransformer>
{
    internal const string Kind = "grayscale-images";

    internal ImageGrayscalingTransformer(string outputColumnName, string? inputColumnName) : base(outputColumnName, inputColumnName)
    {
    }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        inputSchema.With((OutputColumnName, SchemaRequirements.RequireImageColumn(inputSchema, InputColumnName)));

    /// <inheritdoc />
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputType = GetOutputSchema(input.Schema)[OutputColumnName].Type;
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, outputType)], block =>
            [ImageMapping.Map(block.GetValues<MLImage?>(block.Schema[InputColumnName]).Span, ToGrayscale)]);
    }

    private static MLImage ToGrayscale(MLImage image) =>
        new(ImageProcessing.ToGrayscale(image.Pixels, image.Layout), image.Layout with { Channels = 1 });

    internal static ImageGrayscalingTransformer Load(JsonObject json) => new((string)json["output"]!, (string)json["input"]!);
}
