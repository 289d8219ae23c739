using System.Text.Json.Nodes;
using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// Writes and restores training checkpoints: the native state (weights, optimizer, random state,
/// best weights) plus the driver's bookkeeping (epoch, history, best epoch) as the file's header.
/// The header also carries a fingerprint of everything that must match for a resume to continue
/// the same run: architecture, data sizes and training settings.
/// </summary>
internal sealed class TrainingCheckpoint(string path, string fingerprint)
{
    private const int Format = 1;

    /// <summary>What a checkpoint restores besides the native state.</summary>
    public sealed record Progress(IReadOnlyList<EpochProgress> History, int BestEpoch, float BestLoss);

    public string Path { get; } = path;

    public static string Fingerprint(AutoencoderArchitecture architecture, long trainingRows, long validationRows, AutoencoderTrainingOptions o, bool dropLast) => new JsonObject
    {
        ["architecture"] = architecture.ToJson(),
        ["trainingRows"] = trainingRows,
        ["validationRows"] = validationRows,
        ["native"] = o.ToNativeJson(dropLast),
        ["epochs"] = o.Epochs,
        ["seed"] = o.EffectiveSeed,
        ["patience"] = o.EarlyStoppingPatience,
    }.ToJsonString();

    /// <summary>Writes the checkpoint beside its path and renames it over the old one, so a crash never leaves a torn file.</summary>
    public unsafe void Save(TrainerHandle trainer, AutoencoderModel? best, Progress progress)
    {
        var header = new JsonObject
        {
            ["format"] = Format,
            ["fingerprint"] = fingerprint,
            ["bestEpoch"] = progress.BestEpoch,
            ["bestLoss"] = progress.BestLoss,
            ["history"] = new JsonArray(progress.History.Select(e => (JsonNode)new JsonObject
            {
                ["epoch"] = e.Epoch, ["epochs"] = e.EpochCount, ["training"] = e.TrainingLoss, ["validation"] = e.ValidationLoss,
                ["elapsedTicks"] = e.Elapsed.Ticks, ["best"] = e.IsBest,
            }).ToArray()),
        }.ToJsonString();
        AtomicFile.Write(Path, stream => WithBest(best, handle =>
        {
            var status = TrainerNativeMethods.SaveCheckpointToBuffer(trainer, handle, header, out var data, out var length);
            NativeStatus.WriteHandedOut(status, data, length, stream);
        }));
    }

    /// <summary>Restores the checkpoint into <paramref name="trainer"/> (and <paramref name="best"/>) when the file exists.</summary>
    /// <exception cref="ArgumentException">The checkpoint belongs to another run.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or is not a checkpoint; the message says what to do.</exception>
    public unsafe Progress? TryRestore(TrainerHandle trainer, AutoencoderModel? best)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        JsonNode header;
        try
        {
            header = JsonNode.Parse(NativeStatus.ReadString((buffer, capacity) =>
                (TrainerNativeMethods.ReadCheckpointHeader(Path, (byte*)buffer, capacity, out var length), length)))!;
        }
        catch (Exception e) when (e is AutoencoderNativeException or System.Text.Json.JsonException)
        {
            throw Damaged(e is AutoencoderNativeException native ? native.NativeMessage : e.Message, e);
        }

        if ((int?)header["format"] != Format || (string?)header["fingerprint"] != fingerprint)
        {
            throw new ArgumentException(
                $"The checkpoint '{Path}' was written by another training run (other architecture, data size or settings); delete it or choose another {nameof(AutoencoderTrainingOptions.CheckpointPath)}.",
                nameof(AutoencoderTrainingOptions.CheckpointPath));
        }

        try
        {
            WithBest(best, handle => NativeStatus.Check(TrainerNativeMethods.RestoreCheckpoint(trainer, handle, Path)));
        }
        catch (AutoencoderNativeException e)
        {
            throw Damaged(e.NativeMessage, e);
        }

        var history = header["history"]!.AsArray().Select(e => new EpochProgress(
            (int)e!["epoch"]!, (int)e["epochs"]!, (float)e["training"]!, (float?)e["validation"], TimeSpan.FromTicks((long)e["elapsedTicks"]!), (bool)e["best"]!)).ToList();
        return new Progress(history, (int)header["bestEpoch"]!, (float)header["bestLoss"]!);
    }

    private InvalidDataException Damaged(string reason, Exception inner) => new(
        $"The checkpoint '{Path}' is damaged or is not a checkpoint ({reason}). Delete it to train from the start, " +
        $"or set {nameof(AutoencoderTrainingOptions.CheckpointPath)} to another file.", inner);

    private static void WithBest(AutoencoderModel? best, Action<IntPtr> call)
    {
        if (best is null)
        {
            call(IntPtr.Zero);
            return;
        }

        var handle = best.Handle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            call(handle.DangerousGetHandle());
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }
}
