using System.Security.Cryptography;
using System.Text;

namespace Autoencoders.Trainers;

/// <summary>
/// A file body written with its length and SHA-256, so that a truncated or altered file is refused
/// before anything in it is used ("checksum mismatch") instead of loading other weights silently.
/// </summary>
internal static class ChecksummedPayload
{
    private const int HashBytes = 32;

    /// <summary>Writes what <paramref name="write"/> writes, then its hash, to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, Action<BinaryWriter> write)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        using var outer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        outer.Write(payload.Length);
        outer.Write(payload.GetBuffer(), 0, (int)payload.Length);
        outer.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
    }

    /// <summary>Reads and checks a payload <see cref="Write"/> wrote; a reader over it.</summary>
    /// <exception cref="InvalidDataException">The payload is cut short, too long for the stream, or its hash differs.</exception>
    public static BinaryReader Read(Stream stream)
    {
        using var outer = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var length = outer.ReadInt64();
            if (length < 0 || (stream.CanSeek && length > stream.Length - stream.Position - HashBytes) || length > Array.MaxLength)
            {
                throw new InvalidDataException($"it declares {length} bytes, more than it holds");
            }

            var payload = outer.ReadBytes((int)length);
            var hash = outer.ReadBytes(HashBytes);
            if (payload.Length != length || hash.Length != HashBytes)
            {
                throw new InvalidDataException("it is cut short");
            }

            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
            {
                throw new InvalidDataException("checksum mismatch: it was altered or damaged");
            }

            return new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("it is cut short", e);
        }
    }
}
