using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Autoencoders;

/// <summary>Writes transformers into an open model zip.</summary>
internal sealed class ModelSaveContext(ZipArchive archive)
{
    private int _autoencoders;
    private int _blobs;

    /// <summary>The JSON of <paramref name="transformer"/>, its native weights written as entries.</summary>
    public JsonObject Save(ITransformer transformer) => transformer switch
    {
        IPersistableTransformer persistable => persistable.Save(this),
        null => throw new ArgumentNullException(nameof(transformer)),
        _ when SavableTransformerClass.Of(transformer.GetType()) is { } savable => new JsonObject
        {
            ["kind"] = SavableTransformerClass.Kind,
            ["contract"] = savable.ContractName,
            ["state"] = SaveBytes(savable.Save(transformer)),
        },
        _ => throw new NotSupportedException(
            $"{transformer.GetType().Name} cannot be saved into a model file: implement ISavableTransformer<{transformer.GetType().Name}> to make it savable."),
    };

    /// <summary>Writes an autoencoder's weights as an entry; returns the JSON that finds them (entry and seed; the entry carries the architecture).</summary>
    public JsonObject SaveAutoencoder(AutoencoderModel model)
    {
        var name = $"autoencoders/{_autoencoders++}.pt";
        using (var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open())
        {
            model.WriteTo(stream);
        }

        return new JsonObject
        {
            ["weights"] = name,
            ["seed"] = model.Seed,
        };
    }

    /// <summary>A training's epochs as JSON, so a loaded model can still draw its loss curves.</summary>
    public static JsonArray SaveTrainingHistory(IReadOnlyList<EpochProgress> history) => new(history.Select(epoch => (JsonNode)new JsonObject
    {
        ["epoch"] = epoch.Epoch,
        ["epochs"] = epoch.EpochCount,
        ["training"] = epoch.TrainingLoss,
        ["validation"] = epoch.ValidationLoss,
        ["seconds"] = epoch.Elapsed.TotalSeconds,
        ["best"] = epoch.IsBest,
    }).ToArray());

    /// <summary>Writes <paramref name="bytes"/> as an entry and returns the entry's name.</summary>
    public string SaveBytes(byte[] bytes)
    {
        var name = $"blobs/{_blobs++}.bin";
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(bytes);
        return name;
    }
}
