using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Autoencoders.Data;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of the binary data format:
/// computed by the processor's CRC instruction (SSE 4.2, ARMv8) eight bytes at a time, so checking
/// a block costs far less than reading it; a table serves other processors.
/// </summary>
internal static class Crc32C
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
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

        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
