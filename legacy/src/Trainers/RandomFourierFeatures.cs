using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// Random Fourier features (Rahimi and Recht), the map of ML.NET's ApproximatedKernelMap: each row
/// x becomes sqrt(2 / rank) cos(W x + b), or, without phases, the pairs sqrt(1 / rank)
/// (cos(w_k x), sin(w_k x)), so that inner products of mapped rows approximate a shift-invariant
/// kernel and a linear classifier on them approximates a kernel machine.
/// </summary>
public sealed class RandomFourierFeatures
{
    /// <summary>The most rows <see cref="Fit"/> samples to measure the distance between rows, as ML.NET's.</summary>
    public const int DistanceSampleRows = 5000;

    /// <summary>The most values the sample holds: fewer rows are sampled where rows are very wide.</summary>
    private const long DistanceSampleValues = 1L << 27;

    private readonly float[] _frequencies;
    private readonly float[]? _phases;

    /// <summary>A map from known frequencies and phases (e.g. read from a model file).</summary>
    /// <param name="frequencies">Rank x input-width values, row-major: one frequency vector per row.</param>
    /// <param name="phases">One phase per frequency, or null for a cosine and a sine per frequency.</param>
    /// <param name="inputWidth">Values per input row.</param>
    /// <exception cref="ArgumentException">The sizes do not fit together or a value is not finite.</exception>
    public RandomFourierFeatures(float[] frequencies, float[]? phases, int inputWidth)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        if (frequencies.Length == 0 || frequencies.Length % inputWidth != 0 || (phases is not null && phases.Length != frequencies.Length / inputWidth))
        {
            throw new ArgumentException($"{frequencies.Length} frequency values and {phases?.Length.ToString() ?? "no"} phases do not make frequencies of width {inputWidth}, one phase each.",
                nameof(frequencies));
        }

        if (!frequencies.Concat(phases ?? []).All(float.IsFinite))
        {
            throw new ArgumentException("Frequencies and phases must be finite.", nameof(frequencies));
        }

        _frequencies = frequencies;
        _phases = phases;
        InputWidth = inputWidth;
    }

    /// <summary>Values per input row.</summary>
    public int InputWidth { get; }

    /// <summary>The number of random frequencies.</summary>
    public int Rank => _frequencies.Length / InputWidth;

    /// <summary>Whether each frequency gives a cosine and a sine (no phases) rather than one shifted cosine.</summary>
    public bool UsesCosineAndSine => _phases is null;

    /// <summary>Values per output row: <see cref="Rank"/>, or twice that with cosines and sines.</summary>
    public int OutputWidth => UsesCosineAndSine ? 2 * Rank : Rank;

    /// <summary>The frequencies, row-major: <see cref="Rank"/> rows of <see cref="InputWidth"/>.</summary>
    public IReadOnlyList<float> Frequencies => _frequencies;

    /// <summary>One phase per frequency, uniform in [0, 2π); null with cosines and sines.</summary>
    public IReadOnlyList<float>? Phases => _phases;

    /// <summary>
    /// Draws the frequencies of <paramref name="kernel"/> for the rows of <paramref name="rows"/>, as
    /// ML.NET does: the kernel's width is <paramref name="parameter"/> over the median distance
    /// between pairs of rows (up to <see cref="DistanceSampleRows"/> rows, sampled in one pass; fewer
    /// where rows are so wide that the sample would pass 512 MB), so the default parameter 1 suits
    /// data of any scale.
    /// </summary>
    /// <param name="rows">The rows, finite.</param>
    /// <param name="kernel">The kernel approximated.</param>
    /// <param name="parameter">Gamma (Gaussian) or a (Laplacian): larger makes the kernel narrower.</param>
    /// <param name="rank">The number of frequencies.</param>
    /// <param name="cosineAndSine">Whether each frequency gives a cosine and a sine instead of one cosine with a random phase.</param>
    /// <param name="seed">Seeds the row sample, the frequencies and the phases.</param>
    /// <exception cref="ArgumentException">No rows, a non-finite value, or a kernel, parameter or rank out of range.</exception>
    public static RandomFourierFeatures Fit(IFeatureSource rows, ShiftInvariantKernel kernel, float parameter, int rank, bool cosineAndSine, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (!Enum.IsDefined(kernel))
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "not a kernel");
        }

        if (!(parameter > 0) || !float.IsFinite(parameter))
        {
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "The kernel's parameter must be a positive number.");
        }

        var random = new Random(seed);
        var sample = SampleRows(rows, random);
        var scale = MedianDistance(sample, kernel);
        var width = rows.Columns;
        var frequencies = new float[checked(rank * width)];
        for (var i = 0; i < frequencies.Length; i++)
        {
            frequencies[i] = kernel == ShiftInvariantKernel.Gaussian
                ? (float)(StandardNormal.Next(random) * Math.Sqrt(2 * parameter / scale))
                : (float)(Math.Tan(Math.PI * (random.NextDouble() - 0.5)) * parameter / scale);
        }

        var phases = cosineAndSine ? null : Enumerable.Range(0, rank).Select(_ => (float)(2 * Math.PI * random.NextDouble())).ToArray();
        return new RandomFourierFeatures(frequencies, phases, width);
    }

    /// <summary>Each row's features: a matrix of <see cref="OutputWidth"/> columns.</summary>
    public unsafe FeatureMatrix Map(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != InputWidth)
        {
            throw new ArgumentException($"Rows have {data.Columns} values but the map was fitted to {InputWidth}.", nameof(data));
        }

        data.EnsureFinite();
        var output = new float[checked(data.Rows * OutputWidth)];
        if (data.Rows > 0)
        {
            TorchRuntime.EnsureInitialized();
            fixed (float* w = _frequencies)
            fixed (float* b = _phases)
            fixed (float* x = data.Values)
            fixed (float* o = output)
            {
                NativeStatus.Check(KernelNativeMethods.RandomFourierFeatures(w, b, Rank, x, data.Rows, data.Columns, o));
            }
        }

        return new FeatureMatrix(output, OutputWidth);
    }

    /// <summary>Up to <see cref="DistanceSampleRows"/> rows drawn uniformly by reservoir sampling, in random order.</summary>
    private static List<float[]> SampleRows(IFeatureSource rows, Random random)
    {
        var capacity = (int)Math.Clamp(DistanceSampleValues / rows.Columns, 2, DistanceSampleRows);
        var sample = new List<float[]>();
        long seen = 0;
        foreach (var chunk in rows.ReadChunks(0))
        {
            chunk.EnsureFinite(rows.Name, seen, allowMissing: false);
            for (var row = 0; row < chunk.Rows; row++, seen++)
            {
                if (sample.Count < capacity)
                {
                    sample.Add(chunk.Row(row).ToArray());
                }
                else if (random.NextInt64(seen + 1) is var slot && slot < capacity)
                {
                    sample[(int)slot] = chunk.Row(row).ToArray();
                }
            }
        }

        if (sample.Count == 0)
        {
            throw new ArgumentException($"'{rows.Name}' has no rows to fit a kernel map to.", nameof(rows));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sample));
        return sample;
    }

    /// <summary>
    /// The median distance (squared Euclidean for the Gaussian kernel, L1 for the Laplacian) over
    /// every pair of a small sample, or else over disjoint pairs of a larger one; 1 where it is 0.
    /// </summary>
    private static double MedianDistance(List<float[]> sample, ShiftInvariantKernel kernel)
    {
        var pairs = new List<(int, int)>();
        if (sample.Count * (sample.Count - 1L) / 2 <= DistanceSampleRows / 2)
        {
            for (var i = 0; i < sample.Count; i++)
            {
                for (var j = i + 1; j < sample.Count; j++) pairs.Add((i, j));
            }
        }
        else
        {
            for (var i = 0; i + 1 < sample.Count; i += 2) pairs.Add((i, i + 1));
        }

        if (pairs.Count == 0)
        {
            return 1;
        }

        var median = Median.Of(pairs.Select(pair => Distance(sample[pair.Item1], sample[pair.Item2], kernel)));
        return median > 0 ? median : 1;
    }

    private static double Distance(float[] x, float[] y, ShiftInvariantKernel kernel)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var difference = (double)x[i] - y[i];
            sum += kernel == ShiftInvariantKernel.Gaussian ? difference * difference : Math.Abs(difference);
        }

        return sum;
    }
}
