namespace Autoencoders.Data;

/// <summary>
/// Loads the rows of a database query as a view (ML.NET's <c>DatabaseLoader</c>), with one column
/// per member of the row type given to <c>ml.Data.CreateDatabaseLoader&lt;TInput&gt;()</c>: a
/// scalar member reads the result column of its name (or [ColumnName]), or the one at
/// [LoadColumn(i)]; a float[] member reads the result columns [LoadColumn(start, end)] as one vector.
/// </summary>
public sealed class DatabaseLoader
{
    private readonly IReadOnlyList<Column> _columns;

    internal DatabaseLoader(Type rowType)
    {
        _columns = RowTypeMembers.Of(rowType).Members.Select(member =>
        {
            if (member.ValueType == typeof(float[]))
            {
                var load = member.Load ?? throw new ArgumentException(
                    $"{rowType.Name}.{member.Name} is a vector: give it [LoadColumn(start, end)] to name the result columns it reads.", nameof(rowType));
                return new Column(member.ColumnName, new VectorDataViewType(load.End - load.Start + 1), null, load.Start);
            }

            return new Column(member.ColumnName, member.ColumnType(), member.Load is null ? member.ColumnName : null, member.Load?.Start ?? -1);
        }).ToArray();
        if (_columns.Count == 0)
        {
            throw new ArgumentException($"{rowType.Name} has no public fields or properties to load as columns.", nameof(rowType));
        }
    }

    /// <summary>One column to load: from the result column named <see cref="SourceName"/>, or from <see cref="FirstOrdinal"/> on.</summary>
    internal sealed record Column(string Name, DataViewType Type, string? SourceName, int FirstOrdinal);

    /// <summary>
    /// A view of <paramref name="source"/>'s rows. The query runs once per pass, when a cursor
    /// first moves; rows stream from the data reader a block at a time. A failing query, a missing
    /// result column or a NULL in a numeric column is an error then, naming the column.
    /// </summary>
    public IDataView Load(DatabaseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new DatabaseDataView(source, _columns);
    }
}
