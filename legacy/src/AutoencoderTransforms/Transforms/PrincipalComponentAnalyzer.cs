namespace Autoencoders.Transforms;

/// <summary>Fits the strongest principal components of a feature column: the classic linear baseline featurizer.</summary>
public sealed class PrincipalComponentAnalyzer : IEstimator<PrincipalComponentAnalysisTransformer>
{
    internal PrincipalComponentAnalyzer(string outputColumnName, string? inputColumnName, int rank)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        Rank = rank;
    }

    /// <summary>The projection column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The number of components.</summary>
    public int Rank { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        var width = SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName);
        if (Rank > width)
        {
            throw new ArgumentOutOfRangeException("rank", Rank, $"rank {Rank} exceeds the {width} values of column '{InputColumnName}'.");
        }

        return inputSchema.With((OutputColumnName, new VectorDataViewType(Rank)));
    }

    /// <inheritdoc />
    public PrincipalComponentAnalysisTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        return new PrincipalComponentAnalysisTransformer(OutputColumnName, InputColumnName,
            PrincipalComponents.Fit(DataViewFeatureSource.Whole(input, InputColumnName), Rank));
    }
}
