namespace Autoencoders.Data;

/// <summary>Marks a uint member of a row class as a key column of <see cref="Count"/> categories (1..Count, 0 missing), as in ML.NET.</summary>
/// <param name="count">The number of categories.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class KeyTypeAttribute(ulong count) : Attribute
{
    /// <summary>The number of categories.</summary>
    public ulong Count { get; } = count;
}
