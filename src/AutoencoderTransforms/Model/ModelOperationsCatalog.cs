using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autoencoders.Trainers;
using Autoencoders.Transforms.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// Saving and loading fitted models, and single-row prediction. A model file is one zip holding a
/// format version, the input schema, the transformers as JSON (specs, normalization statistics,
/// thresholds) and the native weights of each autoencoder.
/// </summary>
public sealed class ModelOperationsCatalog : CatalogBase
{
    /// <summary>The model file format this version writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "autoencoders-model";

    internal ModelOperationsCatalog(MLContext context) : base(context) { }

    /// <summary>
    /// Writes <paramref name="model"/> and the schema it expects to <paramref name="filePath"/>. The
    /// file is written beside the target and renamed over it at the end, so a failure leaves any
    /// earlier file intact.
    /// </summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        model.GetOutputSchema(inputSchema);
        AtomicFile.Write(filePath, temporary =>
        {
            using var archive = ZipFile.Open(temporary, ZipArchiveMode.Create);
            var context = new ModelSaveContext(archive);
            WriteJson(archive, "format.json", new JsonObject { ["format"] = FormatName, ["version"] = FormatVersion });
            WriteJson(archive, "schema.json", inputSchema.ToJson());
            WriteJson(archive, "model.json", context.Save(model));
        });
    }

    /// <summary>Reads a model written by <see cref="Save"/>, and the schema it expects.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a model file of a supported version; the message says why.</exception>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        if (!File.Exists(filePath))
        {
            throw new FileNotFoundException($"No model file at '{filePath}'.", filePath);
        }

        try
        {
            using var archive = ZipFile.OpenRead(filePath);
            var context = new ModelLoadContext(archive, filePath);
            var format = ReadJson(archive, "format.json", context);
            if ((string?)format["format"] != FormatName)
            {
                throw context.Corrupt("it was not written by this library");
            }

            if ((int?)format["version"] is not FormatVersion)
            {
                throw new InvalidDataException($"'{filePath}' has model format version {format["version"]}; this library reads version {FormatVersion}.");
            }

            inputSchema = DataViewSchema.FromJson(ReadJson(archive, "schema.json", context).AsArray());
            var model = context.Load(ReadJson(archive, "model.json", context));
            try
            {
                model.GetOutputSchema(inputSchema);
            }
            catch (ArgumentException e)
            {
                (model as IDisposable)?.Dispose();
                throw context.Corrupt($"the model does not fit its own schema ({e.Message})");
            }

            return model;
        }
        catch (Exception e) when (e is not OutOfMemoryException && !e.Message.StartsWith($"'{filePath}'", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{filePath}' is not a valid model file: {e.Message}", e);
        }
    }

    /// <summary>
    /// An engine predicting one <typeparamref name="TSrc"/> at a time with <paramref name="transformer"/>.
    /// An engine keeps per-call buffers and is not thread-safe: give each thread its own (the
    /// transformer itself can be shared).
    /// </summary>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer)
        where TSrc : class
        where TDst : class, new() =>
        new(Context, transformer);

    private static void WriteJson(ZipArchive archive, string name, JsonNode json)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteTo(writer);
    }

    private static JsonNode ReadJson(ZipArchive archive, string name, ModelLoadContext context)
    {
        var entry = archive.GetEntry(name) ?? throw context.Corrupt($"the entry '{name}' is missing");
        using var stream = entry.Open();
        return JsonNode.Parse(stream) ?? throw context.Corrupt($"the entry '{name}' is empty");
    }
}
