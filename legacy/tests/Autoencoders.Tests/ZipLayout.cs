using System.Buffers.Binary;
using System.Text;

namespace Autoencoders.Tests;

/// <summary>Where each entry's stored bytes lie inside a zip file, read from its central directory.</summary>
internal static class ZipLayout
{
    /// <summary>The offset and length of the (compressed) data of the entry <paramref name="name"/>.</summary>
    public static (int Offset, int Length) EntryData(byte[] zip, string name)
    {
        var end = zip.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)) != 0x06054b50) end--;
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        for (var i = 0; i < entries; i++)
        {
            var compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 20));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 42));
            if (Encoding.UTF8.GetString(zip, at + 46, nameLength) == name)
            {
                var localName = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26));
                var localExtra = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
                return (local + 30 + localName + localExtra, compressed);
            }

            at += 46 + nameLength + extraLength + commentLength;
        }

        throw new ArgumentException($"The zip has no entry '{name}'.", nameof(name));
    }
}
