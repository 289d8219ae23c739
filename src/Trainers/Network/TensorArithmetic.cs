using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// Arithmetic of tensors with numbers, sums and squares, that keep their native scalars alive.
/// TorchSharp turns each number into a temporary native Scalar (<c>a + b</c> calls <c>add(b, 1)</c>,
/// whose alpha becomes one; <c>square()</c> makes its exponent one), which nothing references once
/// its handle is read: a garbage collection during the native call frees the Scalar under libtorch
/// (seen as "Expected false to be true" or "Unknown scalar type" from libtorch, or a wrong value).
/// Here alpha is one Scalar held for the process, every other Scalar is disposed only after the
/// call returns, and a square is a product.
/// </summary>
internal static class TensorArithmetic
{
    private static readonly Scalar One = 1.ToScalar();

    /// <summary><paramref name="left"/> + <paramref name="right"/>.</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);

    /// <summary><paramref name="left"/> + <paramref name="right"/>, each value.</summary>
    public static Tensor Plus(this Tensor left, double right)
    {
        using var value = right.ToScalar();
        return left.add(value, One);
    }

    /// <summary>Each value times <paramref name="factor"/>.</summary>
    public static Tensor Times(this Tensor values, double factor)
    {
        using var value = factor.ToScalar();
        return values.mul(value);
    }

    /// <summary>Each value divided by <paramref name="divisor"/>.</summary>
    public static Tensor DividedBy(this Tensor values, double divisor)
    {
        using var value = divisor.ToScalar();
        return values.div(value);
    }

    /// <summary><paramref name="left"/> - <paramref name="right"/>, each value.</summary>
    public static Tensor SubtractedFrom(this Tensor right, double left)
    {
        using var value = left.ToScalar();
        return right.neg().add(value, One);
    }

    /// <summary>Whether each value is below <paramref name="limit"/>.</summary>
    public static Tensor IsBelow(this Tensor values, double limit)
    {
        using var value = limit.ToScalar();
        return values.lt(value);
    }

    /// <summary>Adds one to each value, in place.</summary>
    public static void Increment(this Tensor counters) => counters.add_(One, One);

    /// <summary>Each value squared.</summary>
    public static Tensor Squared(this Tensor values) => values * values;

    /// <summary>Each value limited to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Tensor Clamped(this Tensor values, double min, double max)
    {
        using var low = min.ToScalar();
        using var high = max.ToScalar();
        return values.clamp(low, high);
    }
}
