namespace Autoencoders.Data;

/// <summary>Names the column a field or property maps to (by default, its own name).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ColumnNameAttribute(string name) : Attribute
{
    /// <summary>The column name.</summary>
    public string Name { get; } = name;
}

/// <summary>Declares the fixed size of a <c>float[]</c> field or property's vector column.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class VectorTypeAttribute(int size) : Attribute
{
    /// <summary>Values per row.</summary>
    public int Size { get; } = size;
}

/// <summary>The zero-based field, or inclusive range of fields, of a text file a member loads from.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>Loads one field.</summary>
    public LoadColumnAttribute(int fieldIndex) : this(fieldIndex, fieldIndex) { }

    /// <summary>Loads fields <paramref name="start"/> to <paramref name="end"/> (inclusive) as one vector.</summary>
    public LoadColumnAttribute(int start, int end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The first field.</summary>
    public int Start { get; }

    /// <summary>The last field (inclusive).</summary>
    public int End { get; }
}

/// <summary>Leaves a field or property out of the columns.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NoColumnAttribute : Attribute;
