namespace Autoencoders.Transforms.Data;

/// <summary>
/// Rows of named, typed columns: what loaders produce and transformers consume and produce.
/// Views are immutable; every operation returns a new view sharing unchanged columns.
/// </summary>
public interface IDataView
{
    /// <summary>The columns.</summary>
    DataViewSchema Schema { get; }

    /// <summary>Number of rows (always known for the views of this library).</summary>
    long? GetRowCount();

    /// <summary>The values of <paramref name="column"/>, which must belong to <see cref="Schema"/>.</summary>
    DataColumn GetColumn(DataViewSchema.Column column);
}
