using System.Globalization;

namespace Autoencoders.Trainers;

/// <summary>
/// One process's place in a data-parallel training over MPI: this process's rank and how many
/// ranks there are, as the MPI launcher (<c>mpirun</c>, <c>mpiexec</c>) started them. Every rank
/// runs the same program on the same data; each rank trains on its own share of the rows (positions
/// rank, rank + N, ...) and the ranks average their gradients at every step, so a batch size of B
/// on each of N ranks trains like one process with batches of N x B. Rank 0's initial weights are
/// given to every rank; losses are summed over all ranks, so every rank reports the same ones.
/// Rank 0 alone writes the checkpoint; every rank resumes from it, so it must be on a file system
/// every rank reads.
/// </summary>
public sealed class DistributedTrainingOptions
{
    /// <summary>This process's rank, 0 to <see cref="WorldSize"/> - 1.</summary>
    public int Rank { get; init; }

    /// <summary>How many processes train together; 1 trains exactly as without distribution (no MPI is loaded).</summary>
    public int WorldSize { get; init; } = 1;

    /// <summary>
    /// How long a rank waits for the others at any one exchange (the first one included) before it
    /// ends the job on every rank with a message, rather than hanging when a rank has stopped.
    /// Defaults to 5 minutes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The MPI library to load: a file name the system's loader finds or a path. Defaults to null:
    /// the library of the launcher that started this process (Open MPI's <c>libmpi.so.40</c> or
    /// MPICH's <c>libmpich.so.12</c>), else whichever of them is installed.
    /// </summary>
    public string? MpiLibrary { get; init; }

    /// <summary>Whether more than one process trains: only then is MPI loaded and are rows shared out.</summary>
    internal bool IsDistributed => WorldSize > 1;

    /// <summary>
    /// The rank and world size an MPI launcher gave this process, read from its environment: Open
    /// MPI's <c>OMPI_COMM_WORLD_RANK</c> / <c>OMPI_COMM_WORLD_SIZE</c>, or MPICH's (Hydra's)
    /// <c>PMI_RANK</c> / <c>PMI_SIZE</c>, so that <c>mpirun -np 2 dotnet app.dll</c> needs no code
    /// change. Null when no launcher started this process or it started only one.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set but is not a valid value.</exception>
    public static DistributedTrainingOptions? FromEnvironment()
    {
        foreach (var (rankVariable, sizeVariable, library) in Launchers)
        {
            if (Variable(sizeVariable) is not { } size)
            {
                continue;
            }

            var worldSize = Integer(sizeVariable, size);
            if (worldSize == 1)
            {
                return null;
            }

            var rank = Integer(rankVariable, Variable(rankVariable) ?? throw new ArgumentException($"{sizeVariable} is set but {rankVariable} is not: each process needs its rank."));
            var options = new DistributedTrainingOptions { Rank = rank, WorldSize = worldSize, MpiLibrary = library };
            options.Validate();
            return options;
        }

        return null;

        static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

        static int Integer(string name, string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name} must be a whole number, not '{value}'.");
    }

    /// <summary>The launchers whose variables <see cref="FromEnvironment"/> reads, and the MPI library each belongs to.</summary>
    private static readonly (string Rank, string Size, string Library)[] Launchers =
    [
        ("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "libmpi.so.40"),
        ("PMI_RANK", "PMI_SIZE", "libmpich.so.12"),
    ];

    /// <summary>Refuses values no training can use.</summary>
    /// <exception cref="ArgumentException">The rank is outside the world, the world is empty, or the timeout is not positive.</exception>
    internal void Validate()
    {
        if (WorldSize < 1 || Rank < 0 || Rank >= WorldSize)
        {
            throw new ArgumentException($"A distributed training needs a world size of at least 1 and a rank from 0 to world size - 1 (rank {Rank}, world size {WorldSize}).", nameof(Rank));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Timeout)} must be positive (it is {Timeout}).", nameof(Timeout));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"rank {Rank} of {WorldSize}";
}
