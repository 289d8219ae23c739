using System.Text.Json.Nodes;

namespace Autoencoders;

/// <summary>How a transformer chain is written into and read from a model file.</summary>
internal static class TransformerChainPersistence
{
    public const string Kind = "chain";

    public static JsonObject Save(IEnumerable<ITransformer> chain, ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["transformers"] = new JsonArray(chain.Select(transformer => (JsonNode)context.Save(transformer)).ToArray()),
    };

    public static TransformerChain<ITransformer> Load(JsonObject json, ModelLoadContext context)
    {
        var transformers = new List<ITransformer>();
        try
        {
            foreach (var node in json["transformers"] as JsonArray ?? throw context.Corrupt("a chain has no transformer list"))
            {
                transformers.Add(context.Load(node));
            }

            return new TransformerChain<ITransformer>(transformers);
        }
        catch
        {
            foreach (var transformer in transformers.OfType<IDisposable>()) transformer.Dispose();
            throw;
        }
    }
}
