using System.Text.Json.Nodes;

namespace Autoencoders;

/// <summary>A transformer that can be written into a model file.</summary>
internal interface IPersistableTransformer
{
    /// <summary>The transformer's state as JSON (with its "kind"); native weights go through <paramref name="context"/>.</summary>
    JsonObject Save(ModelSaveContext context);
}
