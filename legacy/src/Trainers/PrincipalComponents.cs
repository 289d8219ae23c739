using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// The top principal components of a data set, computed by the native engine exactly
/// (eigendecomposition of the covariance, in double precision) or approximately (a randomized
/// range finder, as ML.NET's PCA anomaly detector); projects rows onto them.
/// </summary>
public sealed class PrincipalComponents
{
    private readonly float[] _mean;
    private readonly float[] _components;

    /// <summary>Components from known statistics (e.g. read from a model file).</summary>
    /// <param name="mean">The mean row; its length is the input width.</param>
    /// <param name="components">Rank x input-width values, row-major, strongest first.</param>
    /// <param name="variances">The variance along each component.</param>
    public PrincipalComponents(float[] mean, float[] components, float[] variances)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(variances);
        if (mean.Length == 0 || components.Length != mean.Length * variances.Length || variances.Length == 0)
        {
            throw new ArgumentException($"{components.Length} component values do not make {variances.Length} components of width {mean.Length}.", nameof(components));
        }

        if (!mean.Concat(components).Concat(variances).All(float.IsFinite))
        {
            throw new ArgumentException("Principal component statistics must be finite.", nameof(components));
        }

        _mean = mean;
        _components = components;
        Variances = variances;
    }

    /// <summary>The input width.</summary>
    public int InputWidth => _mean.Length;

    /// <summary>The number of components.</summary>
    public int Rank => Variances.Count;

    /// <summary>The mean row subtracted before projecting.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The components, row-major (<see cref="Rank"/> rows of <see cref="InputWidth"/>), strongest first.</summary>
    public IReadOnlyList<float> Components => _components;

    /// <summary>The variance of the data along each component, largest first.</summary>
    public IReadOnlyList<float> Variances { get; }

    /// <summary>Fits the <paramref name="rank"/> strongest components of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 rows, a rank outside [1, width], or a non-finite value.</exception>
    public static PrincipalComponents Fit(FeatureMatrix data, int rank) => Fit((IFeatureSource)data, rank);

    /// <summary>
    /// Fits the <paramref name="rank"/> strongest components of the rows <paramref name="data"/>
    /// hands out, in one pass: the engine accumulates their sums and cross products (in double
    /// precision, shifted by the first chunk's mean), so memory holds a chunk and a width x width matrix.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 rows, a rank outside [1, width], or a non-finite value (naming its row).</exception>
    public static unsafe PrincipalComponents Fit(IFeatureSource data, int rank)
    {
        ArgumentNullException.ThrowIfNull(data);
        var width = data.Columns;
        if (rank < 1 || rank > width)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be between 1 and the input width {width}.");
        }

        TorchRuntime.EnsureInitialized();
        double[]? shift = null;
        var sums = new double[width];
        var products = new double[checked(width * width)];
        var rows = ReadPass(data, 0, ref shift, (chunk, s) =>
        {
            fixed (float* x = chunk.Values)
            fixed (double* sum = sums)
            fixed (double* product = products)
            {
                NativeStatus.Check(PcaNativeMethods.Accumulate((double*)s, x, chunk.Rows, width, sum, product));
            }
        });

        var mean = new float[width];
        var components = new float[rank * width];
        var variances = new float[rank];
        fixed (double* s = shift)
        fixed (double* sum = sums)
        fixed (double* product = products)
        fixed (float* m = mean)
        fixed (float* c = components)
        fixed (float* v = variances)
        {
            NativeStatus.Check(PcaNativeMethods.FitMoments(s, sum, product, rows, width, rank, m, c, v));
        }

        return new PrincipalComponents(mean, components, variances);
    }

    /// <summary>
    /// Fits the <paramref name="rank"/> strongest components approximately, as ML.NET's
    /// <c>RandomizedPca</c> does: a randomized range finder over <paramref name="rank"/> +
    /// <paramref name="oversampling"/> Gaussian directions drawn from <paramref name="seed"/> (at
    /// most the input width, where the result is exact), in two streamed passes that never form
    /// the width x width covariance. Without <paramref name="center"/>, rows are not centered:
    /// the mean is zero and the "variances" are second moments about zero.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 rows, a rank outside [1, width], a negative oversampling, or a non-finite value (naming its row).</exception>
    public static unsafe PrincipalComponents FitRandomized(IFeatureSource data, int rank, int oversampling, bool center, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var width = data.Columns;
        if (rank < 1 || rank > width)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be between 1 and the input width {width}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(oversampling);
        TorchRuntime.EnsureInitialized();
        var k = (int)Math.Min((long)rank + oversampling, width);
        var directions = GaussianMatrix(width, k, seed);
        double[]? shift = center ? null : new double[width];
        var (rows, sums, sketch) = Sketch(data, 0, ref shift, directions, k);
        var range = new double[directions.Length];
        fixed (double* s = shift)
        fixed (double* sum = sums)
        fixed (double* product = sketch)
        fixed (double* basis = directions)
        fixed (double* output = range)
        {
            NativeStatus.Check(PcaNativeMethods.SketchRange(s, sum, product, basis, rows, width, k, center ? 1 : 0, output));
        }

        var (secondRows, secondSums, secondSketch) = Sketch(data, 1, ref shift, range, k);
        if (secondRows != rows)
        {
            throw new InvalidOperationException($"The rows of '{data.Name}' changed between the two passes ({rows}, then {secondRows}).");
        }

        var mean = new float[width];
        var components = new float[rank * width];
        var variances = new float[rank];
        fixed (double* s = shift)
        fixed (double* sum = secondSums)
        fixed (double* product = secondSketch)
        fixed (double* basis = range)
        fixed (float* m = mean)
        fixed (float* c = components)
        fixed (float* v = variances)
        {
            NativeStatus.Check(PcaNativeMethods.FitSketch(s, sum, product, basis, rows, width, k, rank, center ? 1 : 0, m, c, v));
        }

        return new PrincipalComponents(mean, components, variances);
    }

    /// <summary>One pass of the randomized fit: the column sums and (rows - shift)^T (rows - shift) basis.</summary>
    private static unsafe (long Rows, double[] Sums, double[] Sketch) Sketch(IFeatureSource data, int pass, ref double[]? shift, double[] basis, int k)
    {
        var width = data.Columns;
        var sums = new double[width];
        var sketch = new double[basis.Length];
        var rows = ReadPass(data, pass, ref shift, (chunk, s) =>
        {
            fixed (float* x = chunk.Values)
            fixed (double* b = basis)
            fixed (double* sum = sums)
            fixed (double* product = sketch)
            {
                NativeStatus.Check(PcaNativeMethods.AccumulateSketch((double*)s, x, chunk.Rows, width, b, k, sum, product));
            }
        });
        return (rows, sums, sketch);
    }

    /// <summary>
    /// Hands every non-empty chunk of one pass to <paramref name="add"/> with the shift (the first
    /// chunk's column means unless given), after checking its values are finite; returns the rows read.
    /// </summary>
    private static unsafe long ReadPass(IFeatureSource data, int pass, ref double[]? shift, Action<FeatureMatrix, IntPtr> add)
    {
        long rows = 0;
        foreach (var chunk in data.ReadChunks(pass))
        {
            chunk.EnsureFinite(data.Name, rows, allowMissing: false);
            if (chunk.Rows == 0) continue;
            shift ??= ColumnMeans(chunk);
            fixed (double* s = shift)
            {
                add(chunk, (IntPtr)s);
            }

            rows += chunk.Rows;
        }

        if (rows < 2)
        {
            throw new ArgumentException($"Principal components need at least 2 rows; there are {rows}.", nameof(data));
        }

        return rows;
    }

    /// <summary>A width x k matrix (row-major) of independent standard normal draws from <paramref name="seed"/> (Box-Muller).</summary>
    private static double[] GaussianMatrix(int width, int k, int seed)
    {
        var random = new Random(seed);
        var values = new double[checked(width * k)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = StandardNormal.Next(random);
        }

        return values;
    }

    private static double[] ColumnMeans(FeatureMatrix rows)
    {
        var means = new double[rows.Columns];
        for (var row = 0; row < rows.Rows; row++)
        {
            var values = rows.Row(row);
            for (var i = 0; i < means.Length; i++) means[i] += values[i];
        }

        for (var i = 0; i < means.Length; i++) means[i] /= rows.Rows;
        return means;
    }

    /// <summary>Each row's coordinates along the components: a matrix of <see cref="Rank"/> columns.</summary>
    public unsafe FeatureMatrix Project(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != InputWidth)
        {
            throw new ArgumentException($"Rows have {data.Columns} values but the components have {InputWidth}.", nameof(data));
        }

        data.EnsureFinite();
        var output = new float[checked(data.Rows * Rank)];
        if (data.Rows > 0)
        {
            TorchRuntime.EnsureInitialized();
            fixed (float* x = data.Values)
            fixed (float* m = _mean)
            fixed (float* c = _components)
            fixed (float* o = output)
            {
                NativeStatus.Check(PcaNativeMethods.Project(m, c, Rank, x, data.Rows, data.Columns, o));
            }
        }

        return new FeatureMatrix(output, Rank);
    }
}
