namespace Autoencoders.Data;

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
