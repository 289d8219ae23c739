using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autoencoders;

/// <summary>
/// Saving and loading fitted models, and single-row prediction. A model file is one zip holding a
/// format version, the input schema, the transformers as JSON (specs, normalization statistics,
/// thresholds) and the native weights of each autoencoder.
/// </summary>
public sealed class ModelOperationsCatalog : CatalogBase
{
    /// <summary>The model file format this version writes. It reads this one and every earlier one (version 1 also described each autoencoder's architecture in model.json).</summary>
    public const int FormatVersion = 2;

    private const string FormatName = "autoencoders-model";

    internal ModelOperationsCatalog(MLContext context) : base(context) { }

    /// <summary>
    /// Writes <paramref name="model"/> and the schema it expects to <paramref name="filePath"/>. The
    /// file is written beside the target and renamed over it at the end, so a failure leaves any
    /// earlier file intact; an existing file keeps its permissions.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The file is read-only, or its folder may not be written.</exception>
    /// <exception cref="IOException">The file could not be written; the message names it.</exception>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        model.GetOutputSchema(inputSchema);
        AtomicFile.Write(filePath, stream => Write(model, inputSchema, stream));
    }

    /// <summary>Writes <paramref name="model"/> and the schema it expects to <paramref name="stream"/> (left open), as the path overload writes a file.</summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        model.GetOutputSchema(inputSchema);
        Write(model, inputSchema, stream);
    }

    private static void Write(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var context = new ModelSaveContext(archive);
        WriteJson(archive, "format.json", new JsonObject { ["format"] = FormatName, ["version"] = FormatVersion });
        WriteJson(archive, "schema.json", inputSchema.ToJson());
        WriteJson(archive, "model.json", context.Save(model));
    }

    /// <summary>
    /// Reads a model written by either <c>Save</c> overload, and the schema it expects. Every entry's CRC-32
    /// is checked and its size bounded before it is inflated, and the weights carry their own
    /// checksum, so a damaged file is refused rather than loaded with different numbers.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    /// <exception cref="InvalidDataException">The file is not an undamaged model file of a supported version; the message names the file and what is wrong.</exception>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        if (!File.Exists(filePath))
        {
            throw new FileNotFoundException($"No model file at '{filePath}'.", filePath);
        }

        // Opened before anything is parsed, so that a permission or I/O error surfaces as itself.
        using var file = File.OpenRead(filePath);
        return Read(file, $"'{filePath}'", out inputSchema);
    }

    /// <summary>Reads a model written by either <c>Save</c> overload from <paramref name="stream"/> (left open), checked as the path overload checks a file.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold an undamaged model of a supported version.</exception>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, "The model stream", out inputSchema);
    }

    private ITransformer Read(Stream stream, string source, out DataViewSchema inputSchema)
    {
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var context = new ModelLoadContext(archive, source, Context);
            var format = context.LoadJson("format.json");
            if ((string?)format["format"] != FormatName)
            {
                throw context.Corrupt("it was not written by this library");
            }

            if ((int?)format["version"] is not (>= 1 and <= FormatVersion))
            {
                throw new InvalidDataException($"{source} has model format version {format["version"]}; this library reads versions 1 to {FormatVersion}.");
            }

            inputSchema = DataViewSchema.FromJson(context.LoadJson("schema.json").AsArray());
            var model = context.Load(context.LoadJson("model.json"));
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
        catch (Exception e) when (e is not OutOfMemoryException && !e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source} is not a valid model file: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes <paramref name="transform"/> as an ONNX model to <paramref name="stream"/> (left open),
    /// as ML.NET's <c>ConvertToOnnx</c> does: graph inputs are the columns of
    /// <paramref name="inputData"/>'s schema that the model reads, under their own names; graph
    /// outputs are the columns the model writes, under their own names (a column that is also an
    /// input is output as <c>&lt;name&gt;.output</c>, as ML.NET names it). Every value has a
    /// dynamic first dimension, the rows; vector columns are (rows x size), others (rows x 1).
    /// ONNX IR version 8, operator set 17 (and <c>ai.onnx.ml</c> 3 where used). Nothing is written
    /// unless the whole model exports.
    /// </summary>
    /// <param name="transform">The fitted model.</param>
    /// <param name="inputData">Data of the schema the model will be given; only its schema is read.</param>
    /// <param name="stream">Where the ONNX bytes go.</param>
    /// <exception cref="NotSupportedException">A transformer cannot be exported; the message names it.</exception>
    public void ConvertToOnnx(ITransformer transform, IDataView inputData, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(OnnxBytes(transform, inputData));
    }

    /// <summary>Writes <paramref name="transform"/> as an ONNX model to <paramref name="filePath"/>, replacing it only once the whole model was exported and written.</summary>
    /// <param name="transform">The fitted model.</param>
    /// <param name="inputData">Data of the schema the model will be given; only its schema is read.</param>
    /// <param name="filePath">The .onnx file to write.</param>
    /// <exception cref="NotSupportedException">A transformer cannot be exported; the message names it.</exception>
    public void ConvertToOnnx(ITransformer transform, IDataView inputData, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var bytes = OnnxBytes(transform, inputData);
        AtomicFile.Write(filePath, stream => stream.Write(bytes));
    }

    private static byte[] OnnxBytes(ITransformer transform, IDataView inputData)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(inputData);
        return Google.Protobuf.MessageExtensions.ToByteArray(Onnx.OnnxExporter.Export(transform, inputData.Schema));
    }

    /// <summary>
    /// An engine predicting one <typeparamref name="TSrc"/> at a time with <paramref name="transformer"/>.
    /// An engine keeps per-call buffers and is not thread-safe: give each thread its own (the
    /// transformer itself can be shared).
    /// </summary>
    /// <param name="transformer">The fitted model.</param>
    /// <param name="ignoreMissingColumns">Whether members of <typeparamref name="TDst"/> that name no output column are left unset instead of refused.</param>
    /// <param name="inputSchemaDefinition">Accepted for ML.NET compatibility; must be null (the input schema comes from <typeparamref name="TSrc"/>).</param>
    /// <param name="outputSchemaDefinition">Accepted for ML.NET compatibility; must be null (the output members come from <typeparamref name="TDst"/>).</param>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true,
        object? inputSchemaDefinition = null, object? outputSchemaDefinition = null)
        where TSrc : class
        where TDst : class, new()
    {
        if (inputSchemaDefinition is not null || outputSchemaDefinition is not null)
        {
            throw new NotSupportedException("Schema definitions are not supported: the row classes' members and attributes define the columns.");
        }

        return new(Context, transformer, ignoreMissingColumns);
    }

    private static void WriteJson(ZipArchive archive, string name, JsonNode json)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteTo(writer);
    }
}
