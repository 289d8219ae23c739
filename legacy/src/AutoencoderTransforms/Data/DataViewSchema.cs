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
        : this((columns ?? throw new ArgumentNullException(nameof(columns))).Select(column => new DetachedColumn(column.Name, column.Type)))
    {
    }

    /// <summary>A schema of the given columns, with their annotations.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public DataViewSchema(IEnumerable<DetachedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.Select((column, index) => new Column(column.Name, index, column.Type) { Annotations = column.Annotations ?? Annotations.Empty }).ToArray();
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
    public sealed record Column(string Name, int Index, DataViewType Type)
    {
        /// <summary>What is known about the column besides its values: the key values of a key column, the slot names of a vector.</summary>
        public Annotations Annotations { get; init; } = Annotations.Empty;

        /// <summary>This column's name, type and annotations, to place in another schema.</summary>
        internal DetachedColumn Detach() => new(Name, Type, Annotations);

        /// <summary>Annotations holding only this column's slot names (what a slot-by-slot transform keeps), or null when it has none.</summary>
        internal Annotations? SlotNamesOnly =>
            Annotations.Get(Annotations.SlotNames) is { } names ? Annotations.Of(Annotations.SlotNames, names) : null;
    }

    /// <summary>A column not yet placed in a schema: its name, type and annotations.</summary>
    /// <param name="Name">The column's name.</param>
    /// <param name="Type">The type of its values.</param>
    /// <param name="Annotations">Its annotations; null for none.</param>
    public sealed record DetachedColumn(string Name, DataViewType Type, Annotations? Annotations = null);

    /// <summary>
    /// Named values describing a column, as ML.NET's schema annotations: <see cref="KeyValues"/> (the
    /// value each key stands for) and <see cref="SlotNames"/> (the name of each slot of a vector).
    /// </summary>
    public sealed class Annotations
    {
        /// <summary>The kind of annotation that holds the value of each key 1..Count, in order.</summary>
        public const string KeyValues = "KeyValues";

        /// <summary>The kind of annotation that holds the name of each slot of a vector column.</summary>
        public const string SlotNames = "SlotNames";

        private readonly Dictionary<string, Array> _values;

        private Annotations(Dictionary<string, Array> values) => _values = values;

        internal static Annotations Empty { get; } = new([]);

        /// <summary>The kinds of annotation present.</summary>
        public IReadOnlyCollection<string> Kinds => _values.Keys;

        /// <summary>Copies the annotation <paramref name="kind"/> into <paramref name="value"/>, a vector of the annotation's item type.</summary>
        /// <exception cref="InvalidOperationException">There is no such annotation, or it holds other items than <typeparamref name="T"/>.</exception>
        public void GetValue<T>(string kind, ref VBuffer<T> value)
        {
            var items = _values.GetValueOrDefault(kind) ?? throw new InvalidOperationException($"There is no '{kind}' annotation; there are: {string.Join(", ", Kinds)}.");
            if (items is string[] texts && typeof(T) == typeof(ReadOnlyMemory<char>))
            {
                items = texts.Select(text => text.AsMemory()).ToArray();
            }

            var typed = items as T[] ?? throw new InvalidOperationException($"The '{kind}' annotation holds {items.GetType().GetElementType()!.Name} items, not {typeof(T).Name}.");
            value = new VBuffer<T>(typed.Length, ReferenceEquals(items, _values[kind]) ? (T[])typed.Clone() : typed);
        }

        internal Array? Get(string kind) => _values.GetValueOrDefault(kind);

        internal static Annotations Of(string kind, Array values) => new(new() { [kind] = values });
    }

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
        With(columns.Select(column => new DetachedColumn(column.Name, column.Type)).ToArray());

    /// <summary>This schema with <paramref name="columns"/> (and their annotations) added at the end, replacing any of the same name.</summary>
    public DataViewSchema With(params DetachedColumn[] columns) =>
        new(_columns.Where(existing => !columns.Any(added => added.Name == existing.Name))
            .Select(existing => existing.Detach())
            .Concat(columns));

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both schemas have the same column names and types in the same order.</summary>
    public bool HasSameColumns(DataViewSchema other) =>
        other is not null && other.Count == Count && _columns.Zip(other._columns).All(pair => pair.First.Name == pair.Second.Name && pair.First.Type.Equals(pair.Second.Type));

    /// <summary>
    /// Whether <paramref name="actual"/> is what this promised schema describes: the same names and
    /// types in order, a promised vector of unknown size matching a vector of any size (and a promised
    /// key of unknown count any key).
    /// </summary>
    public bool IsSatisfiedBy(DataViewSchema actual) =>
        actual is not null && actual.Count == Count && _columns.Zip(actual._columns).All(pair =>
            pair.First.Name == pair.Second.Name &&
            (pair.First.Type.Equals(pair.Second.Type) || pair.First.Type is VectorDataViewType { Size: 0 } && pair.Second.Type is VectorDataViewType
                || pair.First.Type is KeyDataViewType { Count: 0 } && pair.Second.Type is KeyDataViewType));

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(c => $"{c.Name}: {c.Type}"));

    internal JsonArray ToJson() => new(_columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type.ToString() }).ToArray());

    internal static DataViewSchema FromJson(JsonArray json) =>
        new(json.Select(node => ((string)node!["name"]!, DataViewType.Parse((string)node["type"]!))));
}
