using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>Where training stands after an epoch.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="EpochCount">The epochs asked for (or chosen, when the epoch count is automatic).</param>
/// <param name="TrainingLoss">Mean loss over the epoch's training batches (in training mode).</param>
/// <param name="ValidationLoss">Loss on the held-out rows in evaluation mode; null without validation.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="IsBest">Whether this epoch has the lowest validation loss so far (always true without validation).</param>
public sealed record EpochProgress(int Epoch, int EpochCount, float TrainingLoss, float? ValidationLoss, TimeSpan Elapsed, bool IsBest)
{
    /// <summary>A training history as JSON, as checkpoints and saved graphs keep it.</summary>
    internal static JsonArray ToJson(IEnumerable<EpochProgress> history) => new(history.Select(e => (JsonNode)new JsonObject
    {
        ["epoch"] = e.Epoch, ["epochs"] = e.EpochCount, ["training"] = e.TrainingLoss, ["validation"] = e.ValidationLoss,
        ["elapsedTicks"] = e.Elapsed.Ticks, ["best"] = e.IsBest,
    }).ToArray());

    /// <summary>The history <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="InvalidOperationException">A value is missing or of another type.</exception>
    internal static List<EpochProgress> FromJson(JsonNode history) => history.AsArray().Select(e => new EpochProgress(
        (int)e!["epoch"]!, (int)e["epochs"]!, (float)e["training"]!, (float?)e["validation"], TimeSpan.FromTicks((long)e["elapsedTicks"]!), (bool)e["best"]!)).ToList();
}
