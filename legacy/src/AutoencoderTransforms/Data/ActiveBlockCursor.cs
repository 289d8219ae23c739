namespace Autoencoders.Data;

/// <summary>
/// What the library's block cursors share: the view's schema and asked-for columns, and the
/// position and size of the current block, moved on by <see cref="StartNextBlock"/>.
/// </summary>
internal abstract class ActiveBlockCursor(ActiveColumns active) : DataViewBlockCursor
{
    private long _position = -1;

    public sealed override DataViewSchema Schema => active.Schema;

    public sealed override long Position => _position;

    public sealed override int RowCount => CurrentRows;

    protected ActiveColumns Active => active;

    /// <summary>Rows in the current block; 0 before the first and after the last.</summary>
    protected int CurrentRows { get; set; }

    public sealed override bool IsColumnActive(DataViewSchema.Column column) => active.IsActive(column);

    /// <summary>Moves <see cref="Position"/> past the current block and empties it; returns the new position.</summary>
    protected long StartNextBlock()
    {
        _position = _position < 0 ? 0 : _position + CurrentRows;
        CurrentRows = 0;
        return _position;
    }

    /// <summary>The error of reading values with no current block.</summary>
    internal static InvalidOperationException NotOnABlock() =>
        new("The cursor is not on a block: call MoveNext first, and read only while it returns true.");
}
