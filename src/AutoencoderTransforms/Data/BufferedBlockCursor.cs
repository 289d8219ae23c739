namespace Autoencoders.Data;

/// <summary>A block cursor whose blocks are rows it fills into a <see cref="BlockBuffer"/>: by selecting, reordering or parsing them.</summary>
internal abstract class BufferedBlockCursor(BlockBuffer buffer) : DataViewBlockCursor
{
    private long _position = -1;

    public override DataViewSchema Schema => buffer.Active.Schema;

    public override long Position => _position;

    public override int RowCount => buffer.Count;

    protected BlockBuffer Buffer => buffer;

    public override bool IsColumnActive(DataViewSchema.Column column) => buffer.Active.IsActive(column);

    public sealed override bool MoveNext()
    {
        _position = _position < 0 ? 0 : _position + buffer.Count;
        buffer.Count = 0;
        Fill();
        return buffer.Count > 0;
    }

    public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column) => buffer.GetValues<T>(column);

    /// <summary>Fills the emptied buffer with the next rows, up to its capacity; none when the pass is over.</summary>
    protected abstract void Fill();
}
