namespace Autoencoders;

/// <summary>
/// The type of a column: <see cref="NumberDataViewType.Single"/>, <see cref="NumberDataViewType.Int32"/>,
/// <see cref="BooleanDataViewType"/>, <see cref="TextDataViewType"/>, a key, a fixed-size
/// <see cref="VectorDataViewType"/> of Single, or an <see cref="Data.ImageDataViewType"/>.
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

        const string keyPrefix = "Key<UInt32, 0-";
        if (text.StartsWith(keyPrefix, StringComparison.Ordinal) && text.EndsWith('>') &&
            ulong.TryParse(text.AsSpan(keyPrefix.Length, text.Length - keyPrefix.Length - 1), out var last) && last < uint.MaxValue)
        {
            return new KeyDataViewType(typeof(uint), last + 1);
        }

        const string prefix = "Vector<Single, ";
        if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('>') &&
            int.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - 1), out var size) && size > 0)
        {
            return new VectorDataViewType(size);
        }

        return Data.ImageDataViewType.TryParse(text) ?? throw new FormatException($"'{text}' is not a column type.");
    }
}
