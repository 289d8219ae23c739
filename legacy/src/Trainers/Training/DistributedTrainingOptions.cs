using System.Globalization;
using System.Text.Json.Nodes;

namespace Autoencoders.Trainers;

/// <summary>
/// One process's place in a data-parallel training on PyTorch's own distributed engine (c10d with
/// Gloo), as torchrun describes it: this process's rank, how many ranks there are, and where rank
/// 0 (or the launcher) serves the rendezvous. Every rank runs the same program on the same data; each epoch every
/// rank trains on its share of the rows and the ranks average their gradients at every step, so a
/// batch size of B on each of N ranks trains like one process with batches of N x B. A pipeline's
/// estimator reads only this rank's shard of its data view after a first pass that checks every
/// row; a <see cref="FeatureMatrix"/> already in memory is dealt as PyTorch's DistributedSampler
/// deals it. Rank 0 alone writes the checkpoint; every rank resumes from it.
/// </summary>
public sealed class DistributedTrainingOptions
{
    /// <summary>This process's rank, 0 to <see cref="WorldSize"/> - 1 (torchrun's RANK).</summary>
    public int Rank { get; init; }

    /// <summary>How many processes train together; at least 2 (torchrun's WORLD_SIZE).</summary>
    public int WorldSize { get; init; }

    /// <summary>The address rank 0's rendezvous listens on and the others connect to (torchrun's MASTER_ADDR).</summary>
    public string MasterAddress { get; init; } = "127.0.0.1";

    /// <summary>The rendezvous port (torchrun's MASTER_PORT). Defaults to 29500, torchrun's.</summary>
    public int MasterPort { get; init; } = 29500;

    /// <summary>
    /// Whether a launcher serves the rendezvous store at <see cref="MasterAddress"/>:<see cref="MasterPort"/>,
    /// as torchrun's agent does (it sets TORCHELASTIC_USE_AGENT_STORE=True): every rank then
    /// connects to that store, rank 0 included, instead of rank 0 serving it. Defaults to false.
    /// </summary>
    public bool LauncherServesRendezvous { get; init; }

    /// <summary>
    /// Which of the launcher's restarts this is (torchrun's TORCHELASTIC_RESTART_COUNT): in a store
    /// the launcher serves, each attempt keeps its keys apart, as PyTorch's own ranks do. Defaults to 0.
    /// </summary>
    public int LauncherRestartCount { get; init; }

    /// <summary>
    /// How long a rank waits for the others, at the rendezvous and at every step, before it fails
    /// with a message rather than hanging. Defaults to 5 minutes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The options torchrun and cluster launchers set in the environment (RANK, WORLD_SIZE,
    /// MASTER_ADDR, MASTER_PORT, and torchrun's TORCHELASTIC_USE_AGENT_STORE and
    /// TORCHELASTIC_RESTART_COUNT), or null when WORLD_SIZE is unset or 1: a training of one process.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set but is not a valid value.</exception>
    public static DistributedTrainingOptions? FromEnvironment()
    {
        var worldSize = Variable("WORLD_SIZE");
        if (worldSize is null || worldSize == "1")
        {
            return null;
        }

        return new DistributedTrainingOptions
        {
            WorldSize = Integer("WORLD_SIZE", worldSize),
            Rank = Integer("RANK", Variable("RANK") ?? throw new ArgumentException("WORLD_SIZE is set but RANK is not: each process needs its rank.")),
            MasterAddress = Variable("MASTER_ADDR") ?? "127.0.0.1",
            MasterPort = Variable("MASTER_PORT") is { } port ? Integer("MASTER_PORT", port) : 29500,
            LauncherServesRendezvous = Variable("TORCHELASTIC_USE_AGENT_STORE") == "True",
            LauncherRestartCount = Variable("TORCHELASTIC_RESTART_COUNT") is { } restarts ? Integer("TORCHELASTIC_RESTART_COUNT", restarts) : 0,
        };

        static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

        static int Integer(string name, string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name} must be a whole number, not '{value}'.");
    }

    /// <summary>Refuses values no rendezvous can use.</summary>
    internal void Validate()
    {
        if (WorldSize < 2 || Rank < 0 || Rank >= WorldSize)
        {
            throw new ArgumentException($"A distributed training needs a world size of at least 2 and a rank from 0 to world size - 1 (rank {Rank}, world size {WorldSize}).");
        }

        if (MasterPort is < 1 or > 65535 || string.IsNullOrWhiteSpace(MasterAddress) || Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"A distributed training needs an address, a port from 1 to 65535 and a positive timeout ('{MasterAddress}', {MasterPort}, {Timeout}).");
        }

        if (LauncherRestartCount < 0)
        {
            throw new ArgumentException($"{nameof(LauncherRestartCount)} must be zero or more, not {LauncherRestartCount}.");
        }
    }

    /// <summary>
    /// The options as the shim reads them; <paramref name="fingerprint"/> is what all ranks must agree
    /// on, and <paramref name="dealRows"/> whether each rank receives all rows and the engine deals
    /// it its share, or receives only its own.
    /// </summary>
    internal JsonObject ToNativeJson(string fingerprint, bool dealRows) => new()
    {
        ["deal_rows"] = dealRows,
        ["launcher_attempt"] = LauncherServesRendezvous ? LauncherRestartCount : null,
        ["rank"] = Rank,
        ["world_size"] = WorldSize,
        ["address"] = MasterAddress,
        ["port"] = MasterPort,
        ["timeout_ms"] = (long)Math.Ceiling(Timeout.TotalMilliseconds),
        ["fingerprint"] = fingerprint,
    };
}
