using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>Copies between managed rows and CPU tensors through the tensor's own memory (one block copy, not element by element), and that memory itself.</summary>
internal static class TensorRows
{
    /// <summary>A new (rows, columns) float tensor holding <paramref name="values"/>.</summary>
    public static Tensor From(ReadOnlySpan<float> values, long columns)
    {
        var tensor = empty([values.Length / columns, columns], ScalarType.Float32);
        MemoryMarshal.AsBytes(values).CopyTo(tensor.bytes);
        return tensor;
    }

    /// <summary>Copies a float tensor's values, in row-major order, into <paramref name="destination"/>.</summary>
    public static void CopyTo(Tensor tensor, Span<float> destination)
    {
        using var contiguous = tensor.contiguous();
        Values(contiguous).CopyTo(destination);
    }

    /// <summary>A contiguous float tensor's own memory, to read or write in place.</summary>
    public static Span<float> Values(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    /// <summary>A float tensor's values as a new array.</summary>
    public static float[] ToArray(Tensor tensor)
    {
        var values = new float[tensor.numel()];
        CopyTo(tensor, values);
        return values;
    }
}
