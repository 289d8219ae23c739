namespace Autoencoders.Data;

/// <summary>
/// The value of one vector cell, as ML.NET's getters hand it out: <see cref="Length"/> values,
/// held densely. A getter may reuse the buffer of the value it is given.
/// </summary>
/// <typeparam name="T">The item type (float for the vector columns of this library).</typeparam>
public readonly struct VBuffer<T>
{
    private readonly T[]? _values;

    /// <summary>A vector of the first <paramref name="length"/> items of <paramref name="values"/> (not copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter than <paramref name="length"/>.</exception>
    public VBuffer(int length, T[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length < length)
        {
            throw new ArgumentException($"{values.Length} values cannot hold a vector of {length}.", nameof(values));
        }

        Length = length;
        _values = values;
    }

    /// <summary>The number of items.</summary>
    public int Length { get; }

    /// <summary>Whether every item is stored (always, for the vectors of this library).</summary>
    public bool IsDense => true;

    /// <summary>The items.</summary>
    public ReadOnlySpan<T> GetValues() => _values.AsSpan(0, Length);

    /// <summary>The items, in order.</summary>
    public IEnumerable<T> DenseValues()
    {
        for (var i = 0; i < Length; i++)
        {
            yield return _values![i];
        }
    }

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T GetItemOrDefault(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        return _values![index];
    }

    /// <summary>Copies the items into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<T> destination) => GetValues().CopyTo(destination);

    /// <summary>A vector holding <paramref name="values"/>, reusing <paramref name="reuse"/>'s buffer when it is large enough.</summary>
    internal static VBuffer<T> Copy(ReadOnlySpan<T> values, in VBuffer<T> reuse)
    {
        var buffer = reuse._values is { } existing && existing.Length >= values.Length ? existing : new T[values.Length];
        values.CopyTo(buffer);
        return new VBuffer<T>(values.Length, buffer);
    }
}
