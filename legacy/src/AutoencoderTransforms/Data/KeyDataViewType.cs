namespace Autoencoders.Data;

/// <summary>
/// A categorical column, as ML.NET's key type: UInt32 values 1..<see cref="Count"/> name the
/// categories and 0 means missing. <c>MapValueToKey</c> makes one from values (text, numbers,
/// Booleans) and records them in the column's <c>KeyValues</c> annotation, which
/// <c>MapKeyToValue</c> maps back through.
/// </summary>
public sealed class KeyDataViewType : DataViewType
{
    /// <summary>A key type over <paramref name="count"/> categories stored as <paramref name="type"/>, which must be UInt32.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not uint, or <paramref name="count"/> is 0 or beyond UInt32.</exception>
    public KeyDataViewType(Type type, ulong count) : base(type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type != typeof(uint))
        {
            throw new ArgumentException($"Key types are stored as UInt32 here, not {type.Name}.", nameof(type));
        }

        if (count is 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A key type has between 1 and UInt32.MaxValue categories.");
        }

        Count = count;
    }

    private KeyDataViewType() : base(typeof(uint)) { }

    /// <summary>A key type whose count is known only once an estimator is fitted (Count 0), for promised schemas.</summary>
    internal static KeyDataViewType UnknownCount { get; } = new();

    /// <summary>A key type over <paramref name="count"/> categories stored as <paramref name="type"/>.</summary>
    public KeyDataViewType(Type type, int count) : this(type, checked((ulong)count)) { }

    /// <summary>The number of categories: values run from 1 to Count, 0 is missing.</summary>
    public ulong Count { get; }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is KeyDataViewType key && key.Count == Count;

    /// <inheritdoc />
    public override string ToString() => Count == 0 ? "Key<UInt32, ?>" : $"Key<UInt32, 0-{Count - 1}>";
}
