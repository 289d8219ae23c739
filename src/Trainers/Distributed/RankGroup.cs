using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// The ranks of one data-parallel training, as training talks to them: gradients averaged in one
/// exchange per step over a flat buffer, rank 0's tensors given to every rank, sums over ranks, and
/// checks that all ranks agree. Every rank must make the same calls in the same order. A rank that
/// waits longer than the timeout at an exchange, or fails while the others may be waiting for it,
/// ends the job on every rank with a message naming itself, instead of leaving them to hang.
/// </summary>
internal sealed class RankGroup : IDisposable
{
    private readonly MpiLibrary _mpi;
    private readonly TimeSpan _timeout;
    private readonly Timer _watchdog;
    private float[] _gradients = [];
    private long _waitingSince;
    private string _exchange = "";

    private RankGroup(MpiLibrary mpi, DistributedTrainingOptions options)
    {
        (_mpi, _timeout, Rank, WorldSize) = (mpi, options.Timeout, options.Rank, options.WorldSize);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.Timeout.TotalMilliseconds / 10, 10, 1000));
        _watchdog = new Timer(_ => AbortIfStuck(), null, period, period);
    }

    /// <summary>This process's rank.</summary>
    public int Rank { get; }

    /// <summary>How many ranks train together.</summary>
    public int WorldSize { get; }

    /// <summary>
    /// The ranks <paramref name="options"/> describe, with MPI loaded and initialized; null when they
    /// describe one process (or none), which trains without MPI.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or MPI started this process with another rank or world size.</exception>
    /// <exception cref="DllNotFoundException">No MPI library is installed.</exception>
    public static RankGroup? Join(DistributedTrainingOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        options.Validate();
        if (!options.IsDistributed)
        {
            return null;
        }

        var mpi = MpiLibrary.Load(options.MpiLibrary);
        var (rank, size) = (mpi.Rank, mpi.Size);
        if (rank != options.Rank || size != options.WorldSize)
        {
            throw new ArgumentException(
                $"The options say {options}, but MPI ({mpi.Name}) started this process as rank {rank} of {size}: start the ranks with the MPI launcher " +
                $"(mpirun -np {options.WorldSize} ...) and take the options from {nameof(DistributedTrainingOptions)}.{nameof(DistributedTrainingOptions.FromEnvironment)}().",
                nameof(options));
        }

        return new RankGroup(mpi, options);
    }

    /// <summary>
    /// Replaces every parameter's gradient with the mean of all ranks' gradients, in one exchange.
    /// A parameter without a gradient on this rank contributes zeros.
    /// </summary>
    public void AverageGradients(IReadOnlyList<Tensor> parameters)
    {
        var total = parameters.Sum(p => p.numel());
        if (_gradients.Length != total)
        {
            _gradients = new float[total];
        }

        var offset = 0;
        foreach (var parameter in parameters)
        {
            var length = (int)parameter.numel();
            using var gradient = parameter.grad;
            if (gradient is null)
            {
                Array.Clear(_gradients, offset, length);
            }
            else
            {
                using var contiguous = gradient.contiguous();
                TensorRows.Values(contiguous).CopyTo(_gradients.AsSpan(offset, length));
            }

            offset += length;
        }

        using (Waiting("the gradient exchange"))
        {
            _mpi.SumInPlace(_gradients);
        }

        var scale = 1f / WorldSize;
        offset = 0;
        foreach (var parameter in parameters)
        {
            var length = (int)parameter.numel();
            using var current = parameter.grad;
            using var fresh = current is not null && current.is_contiguous() ? null : zeros_like(parameter);
            if (fresh is not null)
            {
                parameter.grad = fresh;
            }

            Scale(_gradients.AsSpan(offset, length), scale, TensorRows.Values(fresh ?? current!));

            offset += length;
        }
    }

    /// <summary>Gives every rank rank 0's values of <paramref name="tensors"/> (contiguous CPU tensors of any type), in one exchange.</summary>
    public void BroadcastFromFirst(IReadOnlyList<Tensor> tensors)
    {
        var buffer = new byte[tensors.Sum(t => (long)t.bytes.Length)];
        var offset = 0;
        foreach (var tensor in tensors)
        {
            tensor.bytes.CopyTo(buffer.AsSpan(offset));
            offset += tensor.bytes.Length;
        }

        using (Waiting("the exchange of rank 0's weights"))
        {
            _mpi.Broadcast(buffer, root: 0);
        }

        offset = 0;
        foreach (var tensor in tensors)
        {
            var length = tensor.bytes.Length;
            buffer.AsSpan(offset, length).CopyTo(tensor.bytes);
            offset += length;
        }
    }

    /// <summary>Replaces every value with its sum over all ranks.</summary>
    public void Sum(Span<double> values, string what)
    {
        using (Waiting(what))
        {
            _mpi.SumInPlace(values);
        }
    }

    /// <summary>
    /// Checks that every rank holds the same <paramref name="value"/>; when they do not, every rank
    /// throws the same error, so that none is left waiting.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ranks hold different values; the message names <paramref name="what"/>.</exception>
    public void RequireAgreement(string value, string what)
    {
        var digest = Digest(value);
        Span<double> extremes = [digest, -digest];
        using (Waiting($"the check that all ranks have the same {what}"))
        {
            _mpi.MaxInPlace(extremes);
        }

        if (extremes[0] != -extremes[1])
        {
            throw new InvalidOperationException($"The {WorldSize} ranks of this distributed training do not all have the same {what}: every rank must run the same program on the same data and settings.");
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>, during which other ranks may wait for this one; should it fail,
    /// the job ends on every rank (MPI_Abort) after this rank writes the error, naming itself, to
    /// standard error: a lone rank's exception would otherwise leave the others waiting for it.
    /// </summary>
    public T RunOrAbort<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception exception)
        {
            Abort($"it failed with {exception.GetType().Name}: {exception.Message}");
            throw;
        }
    }

    /// <summary>Writes <paramref name="message"/>, naming this rank, to standard error and ends the job on every rank.</summary>
    public void Abort(string message)
    {
        Console.Error.WriteLine($"error: rank {Rank} of {WorldSize}: {message}");
        Console.Error.WriteLine($"error: ending the distributed training on all {WorldSize} ranks.");
        Console.Error.Flush();
        _mpi.Abort(1);
    }

    /// <summary>Stops watching for stuck exchanges; MPI stays initialized for the process's next training.</summary>
    public void Dispose() => _watchdog.Dispose();

    private void AbortIfStuck()
    {
        var since = Volatile.Read(ref _waitingSince);
        if (since != 0 && Stopwatch.GetElapsedTime(since) > _timeout)
        {
            Abort($"it waited more than {_timeout.TotalSeconds:G} s for the other ranks at {_exchange}; a rank has stopped, hangs or cannot be reached " +
                $"({nameof(DistributedTrainingOptions)}.{nameof(DistributedTrainingOptions.Timeout)} sets how long to wait).");
        }
    }

    private Exchange Waiting(string what)
    {
        _exchange = what;
        Volatile.Write(ref _waitingSince, Stopwatch.GetTimestamp());
        return new Exchange(this);
    }

    /// <summary>An exchange in progress, which the watchdog times; disposing it ends the wait.</summary>
    private readonly struct Exchange(RankGroup group) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref group._waitingSince, 0);
    }

    /// <summary>52 bits of <paramref name="value"/>'s SHA-256, held exactly by a double.</summary>
    private static double Digest(string value) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(value))) & ((1L << 52) - 1);

    private static void Scale(ReadOnlySpan<float> values, float factor, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(values[i..]) * factor).CopyTo(destination[i..]);
            }
        }

        for (; i < values.Length; i++)
        {
            destination[i] = values[i] * factor;
        }
    }
}
