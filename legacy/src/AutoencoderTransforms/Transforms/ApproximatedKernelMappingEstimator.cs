using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>
/// Fits random Fourier features of a feature column (ML.NET's ApproximatedKernelMap): a map under
/// which inner products approximate a kernel, so a linear trainer after it approximates a kernel
/// machine (an RBF support vector machine with <see cref="GaussianKernel"/>).
/// </summary>
public sealed class ApproximatedKernelMappingEstimator : IEstimator<ApproximatedKernelTransformer>
{
    private readonly int _seed;

    internal ApproximatedKernelMappingEstimator(string outputColumnName, string? inputColumnName, int rank, bool useCosAndSinBases, KernelBase? generator, int seed)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        Rank = rank;
        UseCosAndSinBases = useCosAndSinBases;
        Kernel = generator ?? new GaussianKernel();
        _seed = seed;
    }

    /// <summary>The feature column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The number of random frequencies.</summary>
    public int Rank { get; }

    /// <summary>Whether each frequency gives a cosine and a sine (2 x <see cref="Rank"/> features) instead of one shifted cosine.</summary>
    public bool UseCosAndSinBases { get; }

    /// <summary>The kernel approximated.</summary>
    public KernelBase Kernel { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName);
        return inputSchema.With((OutputColumnName, new VectorDataViewType(UseCosAndSinBases ? 2 * Rank : Rank)));
    }

    /// <inheritdoc />
    public ApproximatedKernelTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var map = RandomFourierFeatures.Fit(DataViewFeatureSource.Whole(input, InputColumnName), Kernel.Shape, Kernel.Parameter, Rank, UseCosAndSinBases, _seed);
        return new ApproximatedKernelTransformer(OutputColumnName, InputColumnName, Kernel, map);
    }
}
