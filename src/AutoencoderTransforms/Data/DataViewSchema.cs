using System.Collections;
using System.Text.Json.Nodes;

namespace Autoencoders;

/// <summary>The named, typed columns of a data view, in order. Names are unique.</summary>
public sealed class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;

    /// <summary>A schema of the given (name, type) columns.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public DataViewSchema(IEnumerable<(string Name, DataViewType Type)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.Select((column, index) => new Column(column.Name, index, column.Type)).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            if (string.IsNullOrEmpty(column.Name) || column.Type is null)
            {
                throw new ArgumentException($"Column {column.Index} needs a name and a type.", nameof(columns));
            }

            if (!seen.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears twice.", nameof(columns));
            }
        }
    }

    /// <summary>A column of a schema.</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="Index">Its position in the schema.</param>
    /// <param name="Type">The type of its values.</param>
    public sealed record Column(string Name, int Index, DataViewType Type);

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public Column this[int columnIndex] => _columns[columnIndex];

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such column; the message lists those there are.</exception>
    public Column this[string name] => GetColumnOrNull(name)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"Column '{name}' is not in the data; its columns are: {string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}.");

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public Column? GetColumnOrNull(string name) => Array.Find(_columns, column => column.Name == name);

    /// <summary>This schema with <paramref name="columns"/> added at the end, replacing any of the same name.</summary>
    public DataViewSchema With(params (string Name, DataViewType Type)[] columns) =>
        new(_columns.Where(existing => !columns.Any(added => added.Name == existing.Name))
            .Select(existing => (existing.Name, existing.Type))
            .Concat(columns));

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both schemas have the same column names and types in the same order.</summary>
    public bool HasSameColumns(DataViewSchema other) =>
        other is not null && other.Count == Count && _columns.Zip(other._columns).All(pair => pair.First.Name == pair.Second.Name && pair.First.Type.Equals(pair.Second.Type));

    /// <summary>
    /// Whether <paramref name="actual"/> is what this promised schema describes: the same names and
    /// types in order, a promised vector of unknown size matching a vector of any size.
    /// </summary>
    public bool IsSatisfiedBy(DataViewSchema actual) =>
        actual is not null && actual.Count == Count && _columns.Zip(actual._columns).All(pair =>
            pair.First.Name == pair.Second.Name &&
            (pair.First.Type.Equals(pair.Second.Type) || pair.First.Type is VectorDataViewType { Size: 0 } && pair.Second.Type is VectorDataViewType));

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(c => $"{c.Name}: {c.Type}"));

    internal JsonArray ToJson() => new(_columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type.ToString() }).ToArray());

    internal static DataViewSchema FromJson(JsonArray json) =>
        new(json.Select(node => ((string)node!["name"]!, DataViewType.Parse((string)node["type"]!))));
}
