using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// Named tensors written as name, element type, shape and raw bytes, and read back only into tensors
/// of the same names, types and shapes: a damaged or foreign file fails with an
/// <see cref="InvalidDataException"/> naming what differs, never with a half-loaded model.
/// </summary>
internal static class StateFile
{
    private const int MaxRank = 8;

    public static void Write(BinaryWriter writer, IReadOnlyList<(string Name, Tensor Tensor)> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            using var contiguous = tensor.detach().contiguous();
            writer.Write(name);
            writer.Write((int)contiguous.dtype);
            writer.Write((int)contiguous.dim());
            foreach (var size in contiguous.shape)
            {
                writer.Write(size);
            }

            var bytes = contiguous.bytes;
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote into <paramref name="into"/>, whose names, types and shapes must match one to one.</summary>
    /// <exception cref="InvalidDataException">The data does not match or is cut short.</exception>
    public static void Read(BinaryReader reader, IReadOnlyList<(string Name, Tensor Tensor)> into)
    {
        try
        {
            var count = reader.ReadInt32();
            if (count != into.Count)
            {
                throw new InvalidDataException($"it holds {count} tensors where {into.Count} are expected");
            }

            var staged = new List<byte[]>(count);
            foreach (var (name, tensor) in into)
            {
                var readName = reader.ReadString();
                var type = (ScalarType)reader.ReadInt32();
                var rank = reader.ReadInt32();
                if (readName != name || type != tensor.dtype || rank != tensor.dim() || rank > MaxRank)
                {
                    throw new InvalidDataException($"it holds '{readName}' ({type}, rank {rank}) where '{name}' ({tensor.dtype}, rank {tensor.dim()}) is expected");
                }

                var shape = new long[rank];
                for (var i = 0; i < rank; i++)
                {
                    shape[i] = reader.ReadInt64();
                }

                if (!shape.SequenceEqual(tensor.shape))
                {
                    throw new InvalidDataException($"'{name}' has shape ({string.Join(", ", shape)}) where ({string.Join(", ", tensor.shape)}) is expected");
                }

                var length = reader.ReadInt32();
                if (length != tensor.numel() * tensor.element_size())
                {
                    throw new InvalidDataException($"'{name}' holds {length} bytes where {tensor.numel() * tensor.element_size()} are expected");
                }

                var bytes = reader.ReadBytes(length);
                if (bytes.Length != length)
                {
                    throw new EndOfStreamException();
                }

                staged.Add(bytes);
            }

            using var noGrad = no_grad();
            for (var i = 0; i < count; i++)
            {
                into[i].Tensor.bytes = staged[i];
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("it ends before its last tensor", e);
        }
    }
}
