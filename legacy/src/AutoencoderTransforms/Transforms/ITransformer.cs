namespace Autoencoders;

/// <summary>A fitted transform: maps a data view to a new one with added or replaced columns.</summary>
public interface ITransformer
{
    /// <summary>The schema <see cref="Transform"/> produces from <paramref name="inputSchema"/>, checked without reading data.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type or size; the message names it.</exception>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Applies the transform to every row of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The schema does not fit, or a value is invalid; the message names the row and column.</exception>
    IDataView Transform(IDataView input);
}
