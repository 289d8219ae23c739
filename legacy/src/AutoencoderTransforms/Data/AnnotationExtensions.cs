namespace Autoencoders;

/// <summary>Reading a column's annotations, as ML.NET's extension methods do.</summary>
public static class AnnotationExtensions
{
    /// <summary>Whether <paramref name="column"/> is a key column that records the value of each key.</summary>
    public static bool HasKeyValues(this DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Annotations.Get(DataViewSchema.Annotations.KeyValues) is not null;
    }

    /// <summary>The value of each key 1..Count of <paramref name="column"/>, in order (text as ReadOnlyMemory&lt;char&gt; or string).</summary>
    /// <exception cref="InvalidOperationException">The column has no key values, or they are not <typeparamref name="T"/>.</exception>
    public static void GetKeyValues<T>(this DataViewSchema.Column column, ref VBuffer<T> keyValues)
    {
        ArgumentNullException.ThrowIfNull(column);
        column.Annotations.GetValue(DataViewSchema.Annotations.KeyValues, ref keyValues);
    }

    /// <summary>Whether <paramref name="column"/> names its slots.</summary>
    public static bool HasSlotNames(this DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Annotations.Get(DataViewSchema.Annotations.SlotNames) is not null;
    }

    /// <summary>The name of each slot of the vector column <paramref name="column"/>.</summary>
    /// <exception cref="InvalidOperationException">The column has no slot names.</exception>
    public static void GetSlotNames(this DataViewSchema.Column column, ref VBuffer<ReadOnlyMemory<char>> slotNames)
    {
        ArgumentNullException.ThrowIfNull(column);
        column.Annotations.GetValue(DataViewSchema.Annotations.SlotNames, ref slotNames);
    }
}
