namespace Autoencoders;

/// <summary>Reads one value of a column into <paramref name="value"/>, reusing its buffers where it can.</summary>
/// <typeparam name="TValue">The column's value type: float, int, bool, string (or ReadOnlyMemory&lt;char&gt;) for text, <see cref="VBuffer{T}"/> of float for vectors.</typeparam>
public delegate void ValueGetter<TValue>(ref TValue value);

/// <summary>One row of a view, as a cursor currently stands on it.</summary>
public abstract class DataViewRow : IDisposable
{
    /// <summary>The index of the current row in the cursor's sequence; -1 before the first.</summary>
    public abstract long Position { get; }

    /// <summary>The columns of the view (only the active ones can be read).</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>Whether <paramref name="column"/> was asked for when the cursor was made.</summary>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>A getter of <paramref name="column"/>'s value in the current row.</summary>
    /// <exception cref="InvalidOperationException">The column is not active, or <typeparamref name="TValue"/> is not its value type.</exception>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the cursor holds (file handles, source cursors).</summary>
    protected virtual void Dispose(bool disposing) { }
}

/// <summary>A forward-only pass over the rows of a view. Dispose it to release what it holds, also when stopping early.</summary>
public abstract class DataViewRowCursor : DataViewRow
{
    /// <summary>Moves to the next row; false when there is none.</summary>
    public abstract bool MoveNext();
}
