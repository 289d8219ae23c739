namespace Autoencoders.Data;

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
