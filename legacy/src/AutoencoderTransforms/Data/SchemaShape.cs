using System.Collections;

namespace Autoencoders;

/// <summary>
/// What an estimator requires of its input and promises of its output, as ML.NET's: per column
/// its name, whether it is a scalar or a vector, its item type, whether it is a key, and the kinds
/// of annotation it carries. Each column also keeps the exact type it came from (vector sizes, key
/// counts), so a shape made from a schema converts back to that schema.
/// </summary>
public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    /// <summary>A shape of the given columns, taken from other shapes.</summary>
    /// <exception cref="ArgumentException">A column is the default value rather than one taken from a shape, or two share a name.</exception>
    public SchemaShape(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        if (_columns.Any(column => column.Name is null))
        {
            throw new ArgumentException("Some columns are not initialized: take them from a shape made by SchemaShape.Create or an estimator.", nameof(columns));
        }

        if (_columns.GroupBy(column => column.Name, StringComparer.Ordinal).FirstOrDefault(names => names.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Column name '{repeated.Key}' appears twice.", nameof(columns));
        }
    }

    /// <summary>The shape of <paramref name="schema"/> (internal in ML.NET; public here, since shapes come from somewhere).</summary>
    public static SchemaShape Create(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new SchemaShape(schema.Select(column => new Column(column.Detach())));
    }

    /// <summary>The number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column this[int index] => _columns[index];

    /// <summary>Whether a column is named <paramref name="name"/>; if so, it is in <paramref name="column"/>.</summary>
    public bool TryFindColumn(string name, out Column column)
    {
        ArgumentNullException.ThrowIfNull(name);
        column = Array.Find(_columns, candidate => candidate.Name == name);
        return column.Name is not null;
    }

    /// <summary>What an estimator's <c>GetOutputSchema</c> does with a shape: the exact schema it came from, through <paramref name="outputSchema"/>, shaped again.</summary>
    internal static SchemaShape Propagate(SchemaShape inputSchema, Func<DataViewSchema, DataViewSchema> outputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Create(outputSchema(inputSchema.ToSchema()));
    }

    /// <summary>The schema whose columns this shape's columns came from, exact types and annotations included.</summary>
    internal DataViewSchema ToSchema() => new(_columns.Select(column => column.Exact));

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _columns.Select(column => $"{column.Name}: {column.GetTypeString()}"));

    /// <summary>One column of a shape.</summary>
    public readonly struct Column
    {
        internal Column(DataViewSchema.DetachedColumn exact)
        {
            Exact = exact;
            Name = exact.Name;
            Kind = exact.Type is VectorDataViewType ? VectorKind.Vector : VectorKind.Scalar;
            ItemType = exact.Type is VectorDataViewType ? NumberDataViewType.Single : exact.Type;
            IsKey = exact.Type is KeyDataViewType;
            var annotations = exact.Annotations;
            Annotations = annotations is null || annotations.Kinds.Count == 0
                ? Empty
                : new SchemaShape(annotations.Kinds.Select(kind => new Column(new DataViewSchema.DetachedColumn(kind, AnnotationItemType(annotations.Get(kind)!)), VectorKind.Vector)));
        }

        private Column(DataViewSchema.DetachedColumn exact, VectorKind kind) : this(exact) => Kind = kind;

        /// <summary>Scalar, vector of known size, or vector of varying size.</summary>
        public enum VectorKind
        {
            /// <summary>One value per row.</summary>
            Scalar,

            /// <summary>A vector of the same size in every row.</summary>
            Vector,

            /// <summary>A vector whose size varies by row (no column here has one).</summary>
            VariableVector,
        }

        /// <summary>The column's name.</summary>
        public string Name { get; }

        /// <summary>Scalar or vector.</summary>
        public VectorKind Kind { get; }

        /// <summary>The type of one item: Single for the vectors here, the key type itself for keys (ML.NET gives the key's UInt32 storage type).</summary>
        public DataViewType ItemType { get; }

        /// <summary>Whether the column holds keys.</summary>
        public bool IsKey { get; }

        /// <summary>The column's annotations, one column per kind.</summary>
        public SchemaShape Annotations { get; }

        internal DataViewSchema.DetachedColumn Exact { get; }

        /// <summary>The type as ML.NET's shapes print it, e.g. "Vector&lt;Single&gt;".</summary>
        public string GetTypeString() => Kind == VectorKind.Vector ? $"Vector<{ItemType}>" : $"{ItemType}";

        private static DataViewType AnnotationItemType(Array values) => values switch
        {
            float[] => NumberDataViewType.Single,
            int[] => NumberDataViewType.Int32,
            bool[] => BooleanDataViewType.Instance,
            _ => TextDataViewType.Instance,
        };
    }

    private static SchemaShape Empty { get; } = new([]);
}
