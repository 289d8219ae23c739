namespace Autoencoders.Transforms;

/// <summary>Learns per-feature normalization statistics: min-max or mean-variance.</summary>
public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
{
    /// <summary>The normalization learned.</summary>
    public enum NormalizationMode
    {
        /// <summary>(x - min) / (max - min): the fitted range becomes [0, 1].</summary>
        MinMax,
        /// <summary>(x - mean) / standard deviation.</summary>
        MeanVariance,
    }

    internal NormalizingEstimator(string outputColumnName, string? inputColumnName, NormalizationMode mode)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
        Mode = mode;
    }

    /// <summary>The normalized column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The normalization learned.</summary>
    public NormalizationMode Mode { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName);
        return inputSchema.With((OutputColumnName, inputSchema[InputColumnName].Type));
    }

    /// <inheritdoc />
    public NormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var width = SchemaRequirements.RequireFeatureColumn(input.Schema, InputColumnName);
        var min = new double[width];
        var max = new double[width];
        var mean = new double[width];
        var squaredDeviations = new double[width];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        long rows = 0;
        foreach (var block in DataViewReading.Blocks(input, [input.Schema[InputColumnName]]))
        {
            var values = SchemaRequirements.BlockFeatures(block, InputColumnName).Span;
            for (var row = 0; row < block.RowCount; row++)
            {
                rows++;
                for (var i = 0; i < width; i++)
                {
                    // Welford's update: mean and squared deviations in the same single pass.
                    double value = values[row * width + i];
                    var delta = value - mean[i];
                    mean[i] += delta / rows;
                    squaredDeviations[i] += delta * (value - mean[i]);
                    min[i] = Math.Min(min[i], value);
                    max[i] = Math.Max(max[i], value);
                }
            }
        }

        if (rows == 0)
        {
            throw new ArgumentException($"Column '{InputColumnName}' has no rows to learn normalization from.", nameof(input));
        }

        var offset = new float[width];
        var scale = new float[width];
        for (var i = 0; i < width; i++)
        {
            var spread = max[i] == min[i] ? 0 : Mode == NormalizationMode.MinMax ? max[i] - min[i] : Math.Sqrt(squaredDeviations[i] / rows);
            offset[i] = (float)(Mode == NormalizationMode.MinMax ? min[i] : mean[i]);
            scale[i] = spread > 0 ? (float)(1 / spread) : 0f;
        }

        return new NormalizingTransformer(OutputColumnName, InputColumnName, input.Schema[InputColumnName].Type is VectorDataViewType, offset, scale);
    }
}
