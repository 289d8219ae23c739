using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// A training run's state on disk (weights, optimizer moments and step count, the generator's
/// state, the best weights so far and the history), written atomically, so a run killed midway
/// resumes where it was and ends with the same weights as one that was never stopped. It resumes
/// only the run it was written by: the same architecture, data size and settings (its fingerprint).
/// </summary>
internal sealed class TrainingCheckpoint(string path, string fingerprint)
{
    private const string Magic = "AUTOENCODER-TORCHSHARP-CHECKPOINT";
    private const int Format = 1;

    /// <summary>The history so far and the best epoch's number and loss.</summary>
    public sealed record Progress(IReadOnlyList<EpochProgress> History, int BestEpoch, float BestLoss);

    public string Path { get; } = path;

    /// <summary>What a checkpoint must have been written by to be resumed: the architecture, the row counts and every option that changes training.</summary>
    public static string Fingerprint(AutoencoderArchitecture architecture, long trainingRows, long validationRows, AutoencoderTrainingOptions options, bool dropLast) => new JsonObject
    {
        ["architecture"] = architecture.ToJson(),
        ["trainingRows"] = trainingRows,
        ["validationRows"] = validationRows,
        ["options"] = options.DescribeTraining(),
        ["dropLast"] = dropLast,
    }.ToJsonString();

    public void Save(AutoencoderModel model, AdamOptimizer optimizer, AutoencoderModel? best, Progress progress)
    {
        var header = new JsonObject
        {
            ["fingerprint"] = fingerprint,
            ["bestEpoch"] = progress.BestEpoch,
            ["bestLoss"] = progress.BestLoss,
            ["steps"] = optimizer.Steps,
            ["history"] = EpochProgress.ToJson(progress.History),
        }.ToJsonString();
        AtomicFile.Write(Path, stream =>
        {
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(Format);
            }

            using var generatorState = model.Generator.get_state();
            ChecksummedPayload.Write(stream, writer =>
            {
                writer.Write(header);
                StateFile.Write(writer, Tensors(model, optimizer, best, generatorState));
            });
        });
    }

    /// <summary>Restores a run from the checkpoint when the file exists; null when it does not.</summary>
    /// <exception cref="ArgumentException">The checkpoint was written by another run.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is damaged.</exception>
    public Progress? TryRestore(AutoencoderModel model, AdamOptimizer optimizer, AutoencoderModel? best)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(Path);
            using var reader = OpenPayload(stream);
            var header = JsonNode.Parse(reader.ReadString())!;
            if ((string?)header["fingerprint"] != fingerprint)
            {
                throw new ArgumentException(
                    $"The checkpoint '{Path}' was written by another training run (other architecture, data size or settings); delete it or choose another {nameof(AutoencoderTrainingOptions.CheckpointPath)}.",
                    nameof(AutoencoderTrainingOptions.CheckpointPath));
            }

            using var generatorState = model.Generator.get_state();
            StateFile.Read(reader, Tensors(model, optimizer, best, generatorState));
            model.Generator.set_state(generatorState);
            optimizer.Steps = (long)header["steps"]!;
            return new Progress(History(header), (int)header["bestEpoch"]!, (float)header["bestLoss"]!);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InvalidDataException(
                $"The checkpoint '{Path}' is damaged or is not a checkpoint ({e.Message}). Delete it to train from the start, " +
                $"or set {nameof(AutoencoderTrainingOptions.CheckpointPath)} to another file.", e);
        }
    }

    /// <summary>The epochs a checkpoint file holds, read without restoring it.</summary>
    /// <exception cref="InvalidDataException">The file is damaged or is not a checkpoint.</exception>
    internal static IReadOnlyList<EpochProgress> ReadHistory(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = OpenPayload(stream);
        return History(JsonNode.Parse(reader.ReadString())!);
    }

    /// <summary>Checks the file's prefix and checksum; a reader over its payload (header JSON, then tensors).</summary>
    private static BinaryReader OpenPayload(Stream stream)
    {
        using (var prefix = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
        {
            if (prefix.ReadString() != Magic)
            {
                throw new InvalidDataException("not a checkpoint of this library");
            }

            if (prefix.ReadInt32() is var format && format != Format)
            {
                throw new InvalidDataException($"a checkpoint of format version {format}; this version of the library reads format {Format}");
            }
        }

        return ChecksummedPayload.Read(stream);
    }

    private static List<EpochProgress> History(JsonNode header) => EpochProgress.FromJson(header["history"]!);

    private static List<(string Name, Tensor Tensor)> Tensors(AutoencoderModel model, AdamOptimizer optimizer, AutoencoderModel? best, Tensor generatorState)
    {
        var tensors = model.State.Select(entry => ("model." + entry.Name, entry.Tensor)).ToList();
        tensors.AddRange(optimizer.State.Select(entry => ("adam." + entry.Name, entry.Tensor)));
        if (best is not null)
        {
            tensors.AddRange(best.State.Select(entry => ("best." + entry.Name, entry.Tensor)));
        }

        tensors.Add(("generator", generatorState));
        return tensors;
    }
}
