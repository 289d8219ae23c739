namespace Autoencoders.Data;

/// <summary>The kind of value a text-file column is parsed as.</summary>
public enum DataKind
{
    /// <summary>32-bit float ("NaN" and "Infinity" are read as such).</summary>
    Single,
    /// <summary>32-bit signed integer.</summary>
    Int32,
    /// <summary>Boolean: true/false or 1/0.</summary>
    Boolean,
    /// <summary>Text, as written.</summary>
    String,
}
