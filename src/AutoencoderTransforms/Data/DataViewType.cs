namespace Autoencoders.Transforms.Data;

/// <summary>
/// The type of a column: <see cref="NumberDataViewType.Single"/>, <see cref="NumberDataViewType.Int32"/>,
/// <see cref="BooleanDataViewType"/>, <see cref="TextDataViewType"/>, or a fixed-size
/// <see cref="VectorDataViewType"/> of Single.
/// </summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    private protected DataViewType(Type rawType) => RawType = rawType;

    /// <summary>The .NET type of one value (one item, for vectors).</summary>
    public Type RawType { get; }

    /// <summary>Values per row: the vector size (0 while unknown), or 1 for scalars.</summary>
    internal int ValuesPerRow => this is VectorDataViewType vector ? vector.Size : 1;

    /// <inheritdoc />
    public abstract bool Equals(DataViewType? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The type's name as schemas print and model files store it, e.g. "Vector&lt;Single, 784&gt;".</summary>
    public abstract override string ToString();

    /// <summary>Reads the form <see cref="ToString"/> writes, e.g. "Vector&lt;Single, 784&gt;".</summary>
    /// <exception cref="FormatException">The text names no supported type.</exception>
    public static DataViewType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text)
        {
            case "Single": return NumberDataViewType.Single;
            case "Int32": return NumberDataViewType.Int32;
            case "Boolean": return BooleanDataViewType.Instance;
            case "Text": return TextDataViewType.Instance;
        }

        const string prefix = "Vector<Single, ";
        if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('>') &&
            int.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - 1), out var size) && size > 0)
        {
            return new VectorDataViewType(size);
        }

        throw new FormatException($"'{text}' is not a column type.");
    }
}

/// <summary>A numeric scalar column.</summary>
public sealed class NumberDataViewType : DataViewType
{
    private NumberDataViewType(Type rawType) : base(rawType) { }

    /// <summary>32-bit floating point.</summary>
    public static NumberDataViewType Single { get; } = new(typeof(float));

    /// <summary>32-bit signed integer (class labels, counts).</summary>
    public static NumberDataViewType Int32 { get; } = new(typeof(int));

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override string ToString() => RawType == typeof(float) ? "Single" : "Int32";
}

/// <summary>A Boolean column.</summary>
public sealed class BooleanDataViewType : DataViewType
{
    private BooleanDataViewType() : base(typeof(bool)) { }

    /// <summary>The one instance.</summary>
    public static BooleanDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override string ToString() => "Boolean";
}

/// <summary>A text column.</summary>
public sealed class TextDataViewType : DataViewType
{
    private TextDataViewType() : base(typeof(string)) { }

    /// <summary>The one instance.</summary>
    public static TextDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override string ToString() => "Text";
}

/// <summary>
/// A column holding <see cref="Size"/> Single values per row. An estimator's promised output
/// schema may use <see cref="UnknownSize"/> where the size is learned in fitting (class counts).
/// </summary>
public sealed class VectorDataViewType : DataViewType
{
    /// <summary>A vector type of <paramref name="size"/> Single values.</summary>
    public VectorDataViewType(int size) : base(typeof(float))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
    }

    private VectorDataViewType() : base(typeof(float)) { }

    /// <summary>A vector whose size is known only once an estimator is fitted (Size 0).</summary>
    public static VectorDataViewType UnknownSize { get; } = new();

    /// <summary>Values per row; 0 for <see cref="UnknownSize"/>.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is VectorDataViewType vector && vector.Size == Size;

    /// <inheritdoc />
    public override string ToString() => Size == 0 ? "Vector<Single, ?>" : $"Vector<Single, {Size}>";
}
