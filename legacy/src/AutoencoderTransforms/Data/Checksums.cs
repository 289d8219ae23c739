using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Autoencoders.Data;

/// <summary>The two reflected CRC-32s the library's files carry: zip's, on model entries, and CRC-32C, on binary data blocks.</summary>
internal static class Checksums
{
    private static readonly uint[] ZipTable = TableFor(0xEDB88320u);
    private static readonly uint[] CastagnoliTable = TableFor(0x82F63B78u);

    /// <summary>The CRC-32 that zip files store for every entry (ISO-HDLC: reflected polynomial 0xEDB88320).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes) => ~Update(ZipTable, 0xFFFFFFFFu, bytes);

    /// <summary>
    /// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of the binary data format:
    /// computed by the processor's CRC instruction (SSE 4.2, ARMv8) eight bytes at a time, so checking
    /// a block costs far less than reading it; the table serves other processors and the last bytes.
    /// </summary>
    public static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        if (Sse42.X64.IsSupported || ArmCrc32.Arm64.IsSupported)
        {
            ulong wide = crc;
            while (bytes.Length >= sizeof(ulong))
            {
                var word = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                wide = Sse42.X64.IsSupported ? Sse42.X64.Crc32(wide, word) : ArmCrc32.Arm64.ComputeCrc32C((uint)wide, word);
                bytes = bytes[sizeof(ulong)..];
            }

            crc = (uint)wide;
        }

        return ~Update(CastagnoliTable, crc, bytes);
    }

    private static uint Update(uint[] table, uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] TableFor(uint polynomial) => Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();
}
