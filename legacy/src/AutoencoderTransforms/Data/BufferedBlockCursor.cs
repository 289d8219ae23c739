namespace Autoencoders.Data;

/// <summary>A block cursor whose blocks are rows it fills into a <see cref="BlockBuffer"/>: by selecting, reordering or parsing them.</summary>
internal abstract class BufferedBlockCursor(BlockBuffer buffer) : ActiveBlockCursor(buffer.Active)
{
    protected BlockBuffer Buffer => buffer;

    public sealed override bool MoveNext()
    {
        StartNextBlock();
        buffer.Count = 0;
        Fill();
        CurrentRows = buffer.Count;
        return buffer.Count > 0;
    }

    public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column) => buffer.GetValues<T>(column);

    /// <summary>Fills the emptied buffer with the next rows, up to its capacity; none when the pass is over.</summary>
    protected abstract void Fill();
}
