using System.Buffers.Binary;

namespace Autoencoders.Data;

/// <summary>
/// A file written by <c>SaveAsBinary</c>, read as it is enumerated: each cursor opens the file,
/// decodes the asked-for columns of one stored block at a time (checking each one's CRC-32) and
/// skips the others, and closes the file when disposed. A file changed since loading is refused.
/// </summary>
internal sealed class BinaryDataView : BlockDataView
{
    private readonly string _path;
    private readonly long? _rows;
    private readonly long _blocksStart;
    private readonly FileStamp _stamp;

    public BinaryDataView(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No data file at '{path}'.", path);
        }

        _path = path;
        _stamp = FileStamp.Of(path);
        using var stream = File.OpenRead(path);
        (Schema, _rows, _blocksStart) = BinaryFormat.ReadHeader(stream, path);
    }

    public override DataViewSchema Schema { get; }

    public override bool CanShuffle => false;

    public override long? GetRowCount() => _rows;

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        _stamp.CheckUnchanged();
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        stream.Position = _blocksStart;
        return new Cursor(this, active, stream, maxBlockRows);
    }

    private sealed class Cursor(BinaryDataView view, ActiveColumns active, FileStream stream, int maxBlockRows) : ActiveBlockCursor(active)
    {
        private BlockBuffer? _stored;
        private byte[] _bytes = [];
        private int _offset;
        private long _storedBlocks;
        private bool _done;

        public override bool MoveNext()
        {
            _offset += CurrentRows;
            StartNextBlock();
            if (_stored is null || _offset >= _stored.Count)
            {
                if (_done || !ReadStoredBlock())
                {
                    return false;
                }
            }

            CurrentRows = Math.Min(maxBlockRows, _stored!.Count - _offset);
            return true;
        }

        public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
        {
            var all = _stored?.GetValues<T>(column) ?? throw NotOnABlock();
            var width = ValuesPerRow(column);
            return all.Slice(_offset * width, CurrentRows * width);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) stream.Dispose();
        }

        private bool ReadStoredBlock()
        {
            var rows = BinaryFormat.ReadInt32(stream, view._path);
            if (rows == 0)
            {
                _done = true;
                view._stamp.CheckUnchanged();
                return false;
            }

            if (rows < 0 || rows > 1 << 24)
            {
                throw Damaged($"declares {rows} rows");
            }

            if (_stored is null || _stored.Capacity < rows)
            {
                _stored = new BlockBuffer(Active, rows);
            }

            Span<byte> header = stackalloc byte[sizeof(long) + sizeof(uint)];
            foreach (var column in view.Schema)
            {
                BinaryFormat.Read(stream, header, view._path);
                var length = BinaryPrimitives.ReadInt64LittleEndian(header);
                var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[sizeof(long)..]);
                if (length < 0 || length > stream.Length - stream.Position)
                {
                    throw Damaged($"column '{column.Name}' declares {length} bytes where {stream.Length - stream.Position} are left: the file is cut short or damaged");
                }

                if (!Active[column.Index])
                {
                    stream.Seek(length, SeekOrigin.Current);
                    continue;
                }

                if (_bytes.Length < length) _bytes = new byte[length];
                var bytes = _bytes.AsSpan(0, (int)length);
                BinaryFormat.Read(stream, bytes, view._path);
                if (Checksums.Crc32C(bytes) != crc || !BinaryFormat.TryDecode(bytes, column, rows, _stored.Arrays[column.Index]!))
                {
                    throw Damaged($"column '{column.Name}' fails its checksum or does not hold {rows} rows of {column.Type}");
                }
            }

            _stored.Count = rows;
            _offset = 0;
            _storedBlocks++;
            view._stamp.CheckUnchanged();
            return true;
        }

        private InvalidDataException Damaged(string what) =>
            new($"'{view._path}' is damaged: block {_storedBlocks} (rows from {Position}) {what}.");
    }
}
