namespace Autoencoders;

/// <summary>Learns a transformer from data.</summary>
/// <typeparam name="TTransformer">The transformer <see cref="Fit"/> returns.</typeparam>
public interface IEstimator<out TTransformer> where TTransformer : ITransformer
{
    /// <summary>Checks the schema, then learns from the rows of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A column or value is invalid; the message names it.</exception>
    TTransformer Fit(IDataView input);

    /// <summary>
    /// The shape of what the fitted transformer will produce from <paramref name="inputSchema"/>,
    /// checked without reading data. For the exact schema (vector sizes, key counts), call the
    /// <see cref="EstimatorExtensions.GetOutputSchema"/> extension with a <see cref="DataViewSchema"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type or size; the message names it.</exception>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
