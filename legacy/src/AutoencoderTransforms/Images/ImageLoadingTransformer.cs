using System.Text.Json.Nodes;

namespace Autoencoders.Transforms.Image;

/// <summary>
/// Loads the images a text column names into an image column (of no fixed size), as ML.NET's
/// <c>LoadImages</c>: each path is read relative to <see cref="ImageFolder"/> (as given when there
/// is none), decoded only when a cursor reads the column, a block at a time. An empty path gives
/// no image (null). A file that is missing or no image fails the pass, naming it and its row,
/// unless <see cref="SkipUnreadableImages"/>, which drops the row and logs a warning to
/// <see cref="MLContext.Log"/>.
/// </summary>
public sealed class ImageLoadingTransformer : OneToOneColumnTransformer<ImageLoadingTransformer>
{
    internal const string Kind = "load-images";
    private const string LogSource = "LoadImages";
    private readonly MLContext _context;

    internal ImageLoadingTransformer(MLContext context, string? imageFolder, bool skipUnreadableImages, string outputColumnName, string? inputColumnName)
        : base(outputColumnName, inputColumnName)
    {
        _context = context;
        ImageFolder = string.IsNullOrEmpty(imageFolder) ? null : imageFolder;
        SkipUnreadableImages = skipUnreadableImages;
    }

    /// <summary>The folder paths are relative to; null when they are used as given.</summary>
    public string? ImageFolder { get; }

    /// <summary>Whether rows whose image cannot be read are dropped (with a warning) rather than failing the pass.</summary>
    public bool SkipUnreadableImages { get; }

    private protected override string SavedKind => Kind;

    /// <inheritdoc />
    public override DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var column = SchemaRequirements.RequireColumn(inputSchema, InputColumnName);
        if (column.Type is not TextDataViewType)
        {
            throw new ArgumentException($"Column '{InputColumnName}' is {column.Type} but must be Text: the image files' paths.", nameof(inputSchema));
        }

        return inputSchema.With((OutputColumnName, new ImageDataViewType()));
    }

    /// <inheritdoc />
    /// <exception cref="DirectoryNotFoundException">The image folder does not exist (checked here, before any row is read).</exception>
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        if (ImageFolder is not null && !Directory.Exists(ImageFolder))
        {
            throw new DirectoryNotFoundException($"The image folder '{Path.GetFullPath(ImageFolder)}' does not exist.");
        }

        var loaded = new MappedDataView(input, [InputColumnName], [(OutputColumnName, new ImageDataViewType())], block =>
        {
            var paths = block.GetValues<string>(block.Schema[InputColumnName]).Span;
            var images = new MLImage?[paths.Length];
            for (var i = 0; i < paths.Length; i++)
            {
                images[i] = Load(paths[i], block.Position + i);
            }

            return [images];
        });
        return SkipUnreadableImages
            ? new SelectedRowsDataView(loaded, [OutputColumnName, InputColumnName], (block, row) =>
                block.GetValues<MLImage?>(block.Schema[OutputColumnName]).Span[row] is not null ||
                string.IsNullOrEmpty(block.GetValues<string>(block.Schema[InputColumnName]).Span[row]))
            : loaded;
    }

    private MLImage? Load(string? path, long row)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var fullPath = ImageFolder is null ? path : Path.Combine(ImageFolder, path);
        try
        {
            return MLImage.CreateFromFile(fullPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var problem = $"Row {row} of column '{InputColumnName}': {error.Message}";
            if (!SkipUnreadableImages)
            {
                throw new InvalidDataException(problem + " (to drop such rows instead, pass skipUnreadableImages: true to LoadImages).", error);
            }

            _context.WriteLog(LogSource, ChannelMessageKind.Warning, problem + "; the row is skipped.");
            return null;
        }
    }

    private protected override void SaveSettings(JsonObject json)
    {
        json["folder"] = ImageFolder;
        json["skip"] = SkipUnreadableImages;
    }

    internal static ImageLoadingTransformer Load(JsonObject json, ModelLoadContext context) =>
        new(context.MLContext, (string?)json["folder"], (bool?)json["skip"] ?? false, (string)json["output"]!, (string)json["input"]!);
}
