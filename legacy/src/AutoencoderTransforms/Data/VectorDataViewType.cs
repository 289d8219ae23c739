namespace Autoencoders.Data;

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
