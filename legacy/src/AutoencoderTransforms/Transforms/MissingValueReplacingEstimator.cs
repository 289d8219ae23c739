namespace Autoencoders.Transforms;

/// <summary>
/// Learns what replaces missing (NaN) values of a Single or vector column, as ML.NET's
/// <c>ReplaceMissingValues</c> does: 0, or the mean, minimum or maximum of the values that are there.
/// </summary>
public sealed class MissingValueReplacingEstimator : IEstimator<MissingValueReplacingTransformer>
{
    /// <summary>What replaces a missing value.</summary>
    public enum ReplacementMode
    {
        /// <summary>The type's default: 0.</summary>
        DefaultValue,
        /// <summary>The mean of the finite values.</summary>
        Mean,
        /// <summary>The smallest finite value.</summary>
        Minimum,
        /// <summary>The largest finite value.</summary>
        Maximum,
    }

    internal MissingValueReplacingEstimator(string outputColumnName, string? inputColumnName, ReplacementMode replacementMode, bool imputeBySlot)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
        Mode = Enum.IsDefined(replacementMode) ? replacementMode : throw new ArgumentOutOfRangeException(nameof(replacementMode), replacementMode, "Unknown replacement mode.");
        ImputeBySlot = imputeBySlot;
    }

    /// <summary>The column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>What replaces a missing value.</summary>
    public ReplacementMode Mode { get; }

    /// <summary>Whether each slot of a vector gets its own statistic (true) or the whole column shares one.</summary>
    public bool ImputeBySlot { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SlotwiseMapping.OutputShape(inputSchema, OutputColumnName, InputColumnName);

    /// <inheritdoc />
    public MissingValueReplacingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var mapping = SlotwiseMapping.Of(input.Schema, OutputColumnName, InputColumnName);
        var width = mapping.Width;
        if (Mode == ReplacementMode.DefaultValue)
        {
            return new MissingValueReplacingTransformer(mapping, new float[width]);
        }

        var statistics = new FeatureStatistics(ImputeBySlot ? width : 1, useLog: false);
        foreach (var block in DataViewReading.Blocks(input, [input.Schema[InputColumnName]]))
        {
            statistics.Add(block.GetValues<float>(block.Schema[InputColumnName]).Span);
        }

        var learned = Mode switch
        {
            ReplacementMode.Mean => statistics.Mean,
            ReplacementMode.Minimum => statistics.Min,
            _ => statistics.Max,
        };
        var replacements = Enumerable.Range(0, width)
            .Select(slot => learned[ImputeBySlot ? slot : 0])
            .Select(value => double.IsFinite(value) ? (float)value : 0f)
            .ToArray();
        return new MissingValueReplacingTransformer(mapping, replacements);
    }
}
