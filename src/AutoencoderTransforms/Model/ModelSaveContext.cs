using System.IO.Compression;
using System.Text.Json.Nodes;
using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>Writes transformers into an open model zip.</summary>
internal sealed class ModelSaveContext(ZipArchive archive)
{
    private int _autoencoders;

    /// <summary>The JSON of <paramref name="transformer"/>, its native weights written as entries.</summary>
    public JsonObject Save(ITransformer transformer) => transformer switch
    {
        IPersistableTransformer persistable => persistable.Save(this),
        null => throw new ArgumentNullException(nameof(transformer)),
        _ => throw new NotSupportedException($"{transformer.GetType().Name} cannot be saved into a model file."),
    };

    /// <summary>Writes an autoencoder's weights as an entry; returns the JSON that finds them (entry, seed, architecture).</summary>
    public JsonObject SaveAutoencoder(AutoencoderModel model)
    {
        var name = $"autoencoders/{_autoencoders++}.pt";
        var temporary = Path.GetTempFileName();
        try
        {
            model.Save(temporary);
            archive.CreateEntryFromFile(temporary, name, CompressionLevel.Fastest);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new JsonObject
        {
            ["weights"] = name,
            ["seed"] = model.Seed,
            ["architecture"] = JsonNode.Parse(model.Architecture.ToJson()),
        };
    }
}
