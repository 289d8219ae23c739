using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;


namespace Autoencoders.Data;

/// <summary>
/// The binary columnar file of <c>SaveAsBinary</c> / <c>LoadFromBinary</c>: a header (magic, the
/// schema as JSON, the row count or -1), then blocks of rows, each holding every column's values
/// for its rows as one run of bytes with its length and CRC-32C, then a zero end mark. Numbers are
/// little-endian; text is UTF-8, each value prefixed by its byte length. A reader can skip the
/// columns it does not need and finds any damaged or cut-short block.
/// </summary>
internal static class BinaryFormat
{
    public static ReadOnlySpan<byte> Magic => "AEDVBIN1"u8;

    /// <summary>Whether the file at <paramref name="path"/> starts with this format's magic (so a reader can tell it from text).</summary>
    public static bool IsBinaryFile(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[Magic.Length];
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Magic);
    }

    /// <summary>The offset of the row count in the header, after the magic and the schema.</summary>
    public static long RowCountOffset(int schemaBytes) => Magic.Length + sizeof(int) + schemaBytes;

    public static void Save(IDataView data, IReadOnlyList<DataViewSchema.Column> columns, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        var schema = Encoding.UTF8.GetBytes(new DataViewSchema(columns.Select(column => column.Detach())).ToJson().ToJsonString());
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var start = stream.CanSeek ? stream.Position : 0;
        writer.Write(Magic);
        writer.Write(schema.Length);
        writer.Write(schema);
        writer.Write(-1L);
        long rows = 0;
        foreach (var block in DataViewReading.Blocks(data, columns))
        {
            writer.Write(block.RowCount);
            foreach (var column in columns)
            {
                var bytes = Encode(block, column);
                writer.Write((long)bytes.Length);
                writer.Write(Checksums.Crc32C(bytes));
                writer.Write(bytes);
            }

            rows += block.RowCount;
        }

        writer.Write(0);
        if (stream.CanSeek)
        {
            var end = stream.Position;
            stream.Position = start + RowCountOffset(schema.Length);
            writer.Write(rows);
            stream.Position = end;
        }
    }

    /// <summary>Reads the header: the schema, the row count (null when the writer could not go back to record it) and where the blocks start.</summary>
    public static (DataViewSchema Schema, long? Rows, long BlocksStart) ReadHeader(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        Read(stream, magic, path);
        if (!magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a binary data file of this library (it does not start with {Encoding.ASCII.GetString(Magic)}).");
        }

        var schemaLength = ReadInt32(stream, path);
        if (schemaLength is < 2 or > 1 << 24)
        {
            throw new InvalidDataException($"'{path}' declares a schema of {schemaLength} bytes.");
        }

        var schemaBytes = new byte[schemaLength];
        Read(stream, schemaBytes, path);
        DataViewSchema schema;
        try
        {
            schema = DataViewSchema.FromJson(JsonNode.Parse(schemaBytes)!.AsArray());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or System.Text.Json.JsonException or NullReferenceException)
        {
            throw new InvalidDataException($"'{path}' has a damaged schema: {e.Message}", e);
        }

        Span<byte> count = stackalloc byte[sizeof(long)];
        Read(stream, count, path);
        var rows = BinaryPrimitives.ReadInt64LittleEndian(count);
        return (schema, rows >= 0 ? rows : null, RowCountOffset(schemaLength) + sizeof(long));
    }

    public static int ReadInt32(Stream stream, string path)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        Read(stream, bytes, path);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public static void Read(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' ends before its last block: the file is cut short.", e);
        }
    }

    /// <summary>The block's values of <paramref name="column"/> as bytes.</summary>
    private static byte[] Encode(DataViewBlockCursor block, DataViewSchema.Column column)
    {
        if (column.Type.RawType == typeof(float)) return MemoryMarshal.AsBytes(block.GetValues<float>(column).Span).ToArray();
        if (column.Type.RawType == typeof(int)) return MemoryMarshal.AsBytes(block.GetValues<int>(column).Span).ToArray();
        if (column.Type.RawType == typeof(uint)) return MemoryMarshal.AsBytes(block.GetValues<uint>(column).Span).ToArray();
        if (column.Type.RawType == typeof(bool))
        {
            var values = block.GetValues<bool>(column).Span;
            var bytes = new byte[values.Length];
            for (var i = 0; i < values.Length; i++) bytes[i] = values[i] ? (byte)1 : (byte)0;
            return bytes;
        }

        using var text = new MemoryStream();
        using var writer = new BinaryWriter(text, Encoding.UTF8);
        foreach (var value in block.GetValues<string>(column).Span)
        {
            var utf8 = Encoding.UTF8.GetBytes(value ?? "");
            writer.Write(utf8.Length);
            writer.Write(utf8);
        }

        writer.Flush();
        return text.ToArray();
    }

    /// <summary>Decodes <paramref name="rows"/> rows of <paramref name="column"/> from <paramref name="bytes"/> into <paramref name="target"/>; false when they do not fit.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, DataViewSchema.Column column, int rows, Array target)
    {
        var count = rows * DataViewBlockCursor.ValuesPerRow(column);
        switch (target)
        {
            case float[] floats when bytes.Length == count * sizeof(float):
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(floats);
                return true;
            case int[] integers when bytes.Length == count * sizeof(int):
                MemoryMarshal.Cast<byte, int>(bytes).CopyTo(integers);
                return true;
            case uint[] keys when bytes.Length == count * sizeof(uint):
                MemoryMarshal.Cast<byte, uint>(bytes).CopyTo(keys);
                return true;
            case bool[] booleans when bytes.Length == count:
                for (var i = 0; i < count; i++) booleans[i] = bytes[i] != 0;
                return true;
            case string[] texts:
                var offset = 0;
                for (var i = 0; i < count; i++)
                {
                    if (offset + sizeof(int) > bytes.Length) return false;
                    var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
                    offset += sizeof(int);
                    if (length < 0 || offset + length > bytes.Length) return false;
                    texts[i] = Encoding.UTF8.GetString(bytes.Slice(offset, length));
                    offset += length;
                }

                return offset == bytes.Length;
            default:
                return false;
        }
    }
}
