namespace Autoencoders.Data;

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
