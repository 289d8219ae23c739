using System.IO.Compression;
using System.Text.Json.Nodes;
using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>Reads transformers back from an open model zip; the one place that knows every saved kind.</summary>
internal sealed class ModelLoadContext(ZipArchive archive, string path)
{
    public string Path { get; } = path;

    public ITransformer Load(JsonNode? node)
    {
        var json = node as JsonObject ?? throw Corrupt("a transformer entry is not an object");
        var kind = (string?)json["kind"];
        return kind switch
        {
            TransformerChainPersistence.Kind => TransformerChainPersistence.Load(json, this),
            ColumnConcatenatingTransformer.Kind => ColumnConcatenatingTransformer.Load(json),
            NormalizingTransformer.Kind => NormalizingTransformer.Load(json),
            AutoencoderTransformer.Kind => AutoencoderTransformer.Load(json, this),
            AnomalyPredictionTransformer.Kind => AnomalyPredictionTransformer.Load(json, this),
            XGBoostPredictionTransformer.Kind => XGBoostPredictionTransformer.Load(json, this),
            PrincipalComponentAnalysisTransformer.Kind => PrincipalComponentAnalysisTransformer.Load(json),
            _ => throw Corrupt($"unknown transformer kind '{kind}'"),
        };
    }

    /// <summary>Reads the autoencoder that <paramref name="json"/> (written by <see cref="ModelSaveContext.SaveAutoencoder"/>) points to.</summary>
    public AutoencoderModel LoadAutoencoder(JsonNode? json)
    {
        var entryName = (string?)json?["weights"];
        var entry = entryName is null ? null : archive.GetEntry(entryName);
        if (entry is null)
        {
            throw Corrupt($"the weights entry '{entryName}' is missing");
        }

        var temporary = System.IO.Path.GetTempFileName();
        try
        {
            entry.ExtractToFile(temporary, overwrite: true);
            var model = AutoencoderModel.Load(temporary, (long)json!["seed"]!);
            if (model.Architecture.ToJson() != json["architecture"]?.ToJsonString())
            {
                model.Dispose();
                throw Corrupt($"the weights in '{entryName}' do not have the architecture the model describes");
            }

            return model;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The bytes of the entry <paramref name="entryName"/> written by <see cref="ModelSaveContext.SaveBytes"/>.</summary>
    public byte[] LoadBytes(string? entryName)
    {
        var entry = (entryName is null ? null : archive.GetEntry(entryName)) ?? throw Corrupt($"the entry '{entryName}' is missing");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public InvalidDataException Corrupt(string what) => new($"'{Path}' is not a valid model file: {what}.");
}
