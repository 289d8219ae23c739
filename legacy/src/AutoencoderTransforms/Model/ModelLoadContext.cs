using System.IO.Compression;
using System.Text.Json.Nodes;
using Autoencoders.Transforms.Image;

namespace Autoencoders;

/// <summary>
/// Reads transformers back from an open model zip; the one place that knows every saved kind. Every
/// entry is read through <see cref="ReadEntry"/>: its size bounded before it is inflated, its
/// CRC-32 checked before it is used.
/// </summary>
internal sealed class ModelLoadContext(ZipArchive archive, string source, MLContext mlContext)
{
    /// <summary>How much larger than its compressed bytes a JSON or binary entry may inflate: far above what real models compress by, far below a zip bomb's.</summary>
    private const long MaximumInflation = 100;

    /// <summary>What any entry may inflate to whatever its compressed size.</summary>
    private const long MinimumAllowance = 1 << 20;

    /// <summary>What the model is read from, as messages name it: the quoted path, or "The model stream".</summary>
    public string Source { get; } = source;

    /// <summary>The context loading the model, which loaded components log to.</summary>
    public MLContext MLContext => mlContext;

    public ITransformer Load(JsonNode? node)
    {
        var json = node as JsonObject ?? throw Corrupt("a transformer entry is not an object");
        var kind = (string?)json["kind"];
        return kind switch
        {
            TransformerChainPersistence.Kind => TransformerChainPersistence.Load(json, this),
            ColumnConcatenatingTransformer.Kind => ColumnConcatenatingTransformer.Load(json),
            NormalizingTransformer.Kind => NormalizingTransformer.Load(json),
            MissingValueReplacingTransformer.Kind => MissingValueReplacingTransformer.Load(json),
            MissingValueIndicatorTransformer.Kind => MissingValueIndicatorTransformer.Load(json),
            ValueToKeyMappingTransformer.Kind => ValueToKeyMappingTransformer.Load(json),
            CustomMappingTransformer.Kind => LoadCustomMapping((string?)json["contract"] ?? throw Corrupt("a custom mapping names no contract")),
            KeyToValueMappingTransformer.Kind => KeyToValueMappingTransformer.Load(json),
            AutoencoderTransformer.Kind => AutoencoderTransformer.Load(json, this),
            AnomalyPredictionTransformer.Kind => AnomalyPredictionTransformer.Load(json, this),
            PcaModelParameters.Kind => AnomalyPredictionTransformer<PcaModelParameters>.Load(json, this, PcaModelParameters.Load),
            XGBoostPredictionTransformer.Kind => XGBoostPredictionTransformer.Load(json, this),
            MulticlassPredictionTransformer<MaximumEntropyModelParameters>.Kind =>
                MulticlassPredictionTransformer<MaximumEntropyModelParameters>.Load(json, this, classifier => new MaximumEntropyModelParameters(classifier)),
            BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>>.Kind =>
                BinaryPredictionTransformer<CalibratedModelParameters<LinearBinaryModelParameters, PlattCalibrator>>.Load(json, this, LbfgsLogisticRegressionBinaryTrainer.Calibrated),
            PrincipalComponentAnalysisTransformer.Kind => PrincipalComponentAnalysisTransformer.Load(json),
            ApproximatedKernelTransformer.Kind => ApproximatedKernelTransformer.Load(json),
            ImageLoadingTransformer.Kind => ImageLoadingTransformer.Load(json, this),
            ImageResizingTransformer.Kind => ImageResizingTransformer.Load(json),
            ImageGrayscalingTransformer.Kind => ImageGrayscalingTransformer.Load(json),
            ImagePixelExtractingTransformer.Kind => ImagePixelExtractingTransformer.Load(json),
            VectorToImageConvertingTransformer.Kind => VectorToImageConvertingTransformer.Load(json),
            AnomalyMapTransformer.Kind => AnomalyMapTransformer.Load(json),
            StructuralDissimilarityMapTransformer.Kind => StructuralDissimilarityMapTransformer.Load(json),
            SavableTransformerClass.Kind => LoadUserTransformer((string?)json["contract"] ?? throw Corrupt("a savable transformer names no contract"), json),
            _ => throw Corrupt($"unknown transformer kind '{kind}'"),
        };
    }

    private ITransformer LoadCustomMapping(string contractName) =>
        mlContext.ComponentCatalog.CreateCustomMapping(contractName) ?? throw new InvalidOperationException(
            $"{Source} uses the custom mapping '{contractName}', which no registered factory makes: call ml.ComponentCatalog.RegisterAssembly with the assembly " +
            $"of the class marked [CustomMappingFactoryAttribute(\"{contractName}\")] before loading.");

    private ITransformer LoadUserTransformer(string contractName, JsonObject json)
    {
        var savable = mlContext.ComponentCatalog.FindTransformerClass(contractName) ?? throw new InvalidOperationException(
            $"{Source} holds the transformer '{contractName}', which no registered class makes: call ml.ComponentCatalog.RegisterAssembly with the assembly " +
            $"of the class implementing ISavableTransformer whose ContractName is \"{contractName}\" before loading.");
        var state = LoadBytes((string?)json["state"]);
        try
        {
            return savable.Load(state);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw Corrupt($"the state of the transformer '{contractName}' cannot be read by {savable.Type.Name}.Load ({e.Message})");
        }
    }

    /// <summary>
    /// Reads the autoencoder that <paramref name="json"/> (written by <see cref="ModelSaveContext.SaveAutoencoder"/>)
    /// points to: the weights entry carries its own architecture. Files of format version 1 also
    /// describe the architecture in the JSON; there the two must agree.
    /// </summary>
    public AutoencoderModel LoadAutoencoder(JsonNode? json)
    {
        var entryName = (string?)json?["weights"];
        var seed = (long?)json?["seed"] ?? throw Corrupt("an autoencoder has no seed");
        var weights = ReadEntry(entryName, maximumLength: null, "weights entry");
        AutoencoderModel model;
        try
        {
            model = AutoencoderModel.FromBytes(weights, seed);
        }
        catch (AutoencoderNativeException e)
        {
            throw Corrupt($"the weights in '{entryName}' cannot be read ({e.NativeMessage})");
        }

        if (json!["architecture"] is { } described && described.ToJsonString() != model.Architecture.ToJson())
        {
            model.Dispose();
            throw Corrupt($"the weights in '{entryName}' hold another architecture than the one the model describes");
        }

        return model;
    }

    /// <summary>
    /// The epochs <see cref="ModelSaveContext.SaveTrainingHistory"/> wrote; none for files written
    /// before models kept them.
    /// </summary>
    public IReadOnlyList<EpochProgress> LoadTrainingHistory(JsonNode? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            return json.AsArray().Select(epoch => new EpochProgress((int)epoch!["epoch"]!, (int)epoch["epochs"]!, (float)epoch["training"]!,
                (float?)epoch["validation"], TimeSpan.FromSeconds((double)epoch["seconds"]!), (bool)epoch["best"]!)).ToArray();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or ArgumentException)
        {
            throw Corrupt($"the training history cannot be read ({e.Message})");
        }
    }

    /// <summary>The bytes of the entry <paramref name="entryName"/> written by <see cref="ModelSaveContext.SaveBytes"/>.</summary>
    public byte[] LoadBytes(string? entryName) => ReadEntry(entryName, maximumLength: null, "entry");

    /// <summary>The JSON document in the entry <paramref name="entryName"/>.</summary>
    public JsonNode LoadJson(string entryName)
    {
        var bytes = ReadEntry(entryName, maximumLength: null, "entry");
        return JsonNode.Parse(bytes) ?? throw Corrupt($"the entry '{entryName}' is empty");
    }

    public InvalidDataException Corrupt(string what) => new($"{Source} is not a valid model file: {what}.");

    /// <summary>
    /// The bytes of an entry, refused unless it declares at most <paramref name="maximumLength"/>
    /// bytes (by default <see cref="MaximumInflation"/> times its compressed size), inflates to exactly
    /// what it declares, and has the CRC-32 the zip stores for it.
    /// </summary>
    private byte[] ReadEntry(string? entryName, long? maximumLength, string what)
    {
        var entry = (entryName is null ? null : archive.GetEntry(entryName)) ?? throw Corrupt($"the {what} '{entryName}' is missing");
        var limit = maximumLength ?? Math.Max(MinimumAllowance, entry.CompressedLength * MaximumInflation);
        if (entry.Length > limit || entry.Length > Array.MaxLength)
        {
            throw Corrupt($"the {what} '{entryName}' declares {entry.Length} bytes, more than the {limit} it can hold");
        }

        var bytes = new byte[entry.Length];
        try
        {
            using var stream = entry.Open();
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length || stream.ReadByte() != -1)
            {
                throw Corrupt($"the {what} '{entryName}' does not inflate to the {entry.Length} bytes it declares");
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(Source, StringComparison.Ordinal))
        {
            throw Corrupt($"the {what} '{entryName}' is damaged ({e.Message})");
        }

        if (Checksums.Crc32(bytes) != entry.Crc32)
        {
            throw Corrupt($"the {what} '{entryName}' is damaged (its CRC-32 does not match)");
        }

        return bytes;
    }
}
