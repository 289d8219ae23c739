using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// A trained autoencoder held by the native engine: encode rows to codes, reconstruct them, score
/// them by reconstruction error, save and load. Inference methods are safe to call from many
/// threads at once; training a model (through <see cref="AutoencoderTrainer"/>) is not.
/// Dispose it to free the native memory at once rather than at finalization.
/// </summary>
/// <remarks>
/// A single row of a dense model (encode, reconstruct or score one row) runs through the native
/// layer's fused single-row kernel rather than libtorch: several times faster, and equal to the
/// batch results up to float rounding (relative 1e-5), not bit for bit.
/// </remarks>
public sealed class AutoencoderModel : IDisposable
{
    private readonly ModelHandle _handle;

    private AutoencoderModel(ModelHandle handle, AutoencoderArchitecture architecture, long seed)
    {
        _handle = handle;
        Architecture = architecture;
        Seed = seed;
    }

    /// <summary>The model's layers.</summary>
    public AutoencoderArchitecture Architecture { get; }

    /// <summary>Values per input row.</summary>
    public int InputWidth => Architecture.InputWidth;

    /// <summary>Values per code.</summary>
    public int LatentWidth => Architecture.LatentWidth;

    /// <summary>The seed the weights were initialized from (and the model's later random draws).</summary>
    public long Seed { get; }

    internal ModelHandle Handle => _handle.IsClosed ? throw new ObjectDisposedException(nameof(AutoencoderModel)) : _handle;

    /// <summary>A new, untrained model with weights drawn from <paramref name="seed"/>.</summary>
    public static AutoencoderModel Create(AutoencoderArchitecture architecture, long seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        TorchRuntime.EnsureInitialized();
        NativeStatus.Check(ModelNativeMethods.Create(architecture.ToJson(), seed, out var handle));
        return new AutoencoderModel(handle, architecture, seed);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="AutoencoderNativeException">The file is not a readable model.</exception>
    public static AutoencoderModel Load(string path, long seed = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model file at '{path}'.", path);
        }

        return FromBytes(File.ReadAllBytes(path), seed);
    }

    /// <summary>Writes weights and architecture to <paramref name="path"/>, replacing it only once the write succeeded.</summary>
    public void Save(string path) => AtomicFile.Write(path, WriteTo);

    /// <summary>Writes the weights file (architecture and weights, checksummed) to <paramref name="destination"/>.</summary>
    internal unsafe void WriteTo(Stream destination)
    {
        var status = ModelNativeMethods.SaveToBuffer(Handle, out var data, out var length);
        NativeStatus.WriteHandedOut(status, data, length, destination);
    }

    /// <summary>A model from the bytes <see cref="WriteTo"/> wrote.</summary>
    internal static unsafe AutoencoderModel FromBytes(ReadOnlySpan<byte> bytes, long seed)
    {
        TorchRuntime.EnsureInitialized();
        ModelHandle handle;
        fixed (byte* data = bytes)
        {
            NativeStatus.Check(ModelNativeMethods.LoadFromBuffer(data, bytes.Length, seed, out handle));
        }

        return new AutoencoderModel(handle, ReadArchitecture(handle), seed);
    }

    /// <summary>
    /// The values of one of the model's weights or buffers, named as in the weights file
    /// ("parameter.encoder.0.weight", "buffer.decoder.1.running_var"), in row-major order: what an
    /// exporter to another format reads.
    /// </summary>
    /// <exception cref="AutoencoderNativeException">The model has no such float tensor.</exception>
    internal unsafe float[] ReadTensor(string name)
    {
        NativeStatus.Check(ModelNativeMethods.ReadTensor(Handle, name, null, 0, out var count));
        var values = new float[count];
        fixed (float* output = values)
        {
            NativeStatus.Check(ModelNativeMethods.ReadTensor(Handle, name, output, values.Length, out _));
        }

        return values;
    }

    /// <summary>A deep copy of this model's weights.</summary>
    public AutoencoderModel Clone()
    {
        NativeStatus.Check(ModelNativeMethods.Clone(Handle, Seed, out var copy));
        return new AutoencoderModel(copy, Architecture, Seed);
    }

    /// <summary>Overwrites this model's weights with <paramref name="source"/>'s, which has the same architecture: how training keeps its best epoch without a new model each time.</summary>
    internal void CopyWeightsFrom(AutoencoderModel source) => NativeStatus.Check(ModelNativeMethods.CopyWeights(Handle, source.Handle));

    /// <summary>The code of each row: a matrix of <see cref="LatentWidth"/> columns.</summary>
    public FeatureMatrix Encode(FeatureMatrix data) => Run(Inference.Encode, data);

    /// <summary>Writes the codes of the rows in <paramref name="rows"/> into <paramref name="destination"/>.</summary>
    public void Encode(ReadOnlySpan<float> rows, Span<float> destination) => Run(Inference.Encode, rows, destination);

    /// <summary>Writes the codes of <paramref name="rows"/> into <paramref name="destination"/>, without checking values the library already checked.</summary>
    internal void Encode(FeatureMatrix rows, Span<float> destination) => Run(Inference.Encode, rows.Values, destination, rows.IsChecked(allowMissing: false));

    /// <summary>Writes the reconstructions of <paramref name="rows"/> into <paramref name="destination"/>, without checking values the library already checked.</summary>
    internal void Reconstruct(FeatureMatrix rows, Span<float> destination) => Run(Inference.Reconstruct, rows.Values, destination, rows.IsChecked(allowMissing: false));

    /// <summary>The reconstruction of each row: a matrix of <see cref="InputWidth"/> columns.</summary>
    public FeatureMatrix Reconstruct(FeatureMatrix data) => Run(Inference.Reconstruct, data);

    /// <summary>Writes the reconstructions of the rows in <paramref name="rows"/> into <paramref name="destination"/>.</summary>
    public void Reconstruct(ReadOnlySpan<float> rows, Span<float> destination) => Run(Inference.Reconstruct, rows, destination);

    /// <summary>Each row's mean squared reconstruction error (higher = less like the training data).</summary>
    public float[] ComputeReconstructionErrors(FeatureMatrix data) => Run(Inference.Score, data).Array;

    /// <summary>Whether this is a variational autoencoder.</summary>
    public bool IsVariational => Architecture.IsVariational;

    /// <summary>Decodes codes (rows of <see cref="LatentWidth"/> values) into rows of <see cref="InputWidth"/>.</summary>
    public FeatureMatrix Decode(FeatureMatrix codes) => Run(Inference.Decode, codes);

    /// <summary>
    /// Decodes <paramref name="count"/> codes drawn from the prior N(0, I) with <paramref name="seed"/>:
    /// new rows that resemble the training data (meaningful for a variational autoencoder).
    /// </summary>
    public FeatureMatrix Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        var codes = new float[checked(count * LatentWidth)];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (float)StandardNormal.Next(random);
        }

        return Decode(new FeatureMatrix(codes, LatentWidth));
    }

    /// <summary>
    /// Decodes <paramref name="steps"/> points evenly spaced on the line between the codes of
    /// <paramref name="from"/> and <paramref name="to"/>, both ends included.
    /// </summary>
    public FeatureMatrix Interpolate(ReadOnlySpan<float> from, ReadOnlySpan<float> to, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        var ends = new float[2 * LatentWidth];
        Encode([.. from, .. to], ends);
        var codes = new float[steps * LatentWidth];
        for (var step = 0; step < steps; step++)
        {
            var t = step / (float)(steps - 1);
            for (var j = 0; j < LatentWidth; j++)
            {
                codes[step * LatentWidth + j] = (1 - t) * ends[j] + t * ends[LatentWidth + j];
            }
        }

        return Decode(new FeatureMatrix(codes, LatentWidth));
    }

    /// <summary>A variational model's posterior for each row: mean and log-variance, <see cref="LatentWidth"/> values each.</summary>
    /// <exception cref="InvalidOperationException">The model is not variational.</exception>
    public unsafe (FeatureMatrix Mean, FeatureMatrix LogVariance) EncodeDistribution(FeatureMatrix data)
    {
        RequireVariational();
        var rows = CheckedRows(data);
        var mean = new float[checked(data.Rows * LatentWidth)];
        var logVariance = new float[mean.Length];
        fixed (float* x = rows)
        fixed (float* m = mean)
        fixed (float* v = logVariance)
        {
            NativeStatus.Check(ModelNativeMethods.EncodeDistribution(Handle, x, data.Rows, InputWidth, m, v, mean.Length));
        }

        return (new FeatureMatrix(mean, LatentWidth), new FeatureMatrix(logVariance, LatentWidth));
    }

    /// <summary>
    /// A variational model's negative ELBO for each row (higher = more anomalous): the reconstruction
    /// loss summed over features, averaged over <paramref name="samples"/> draws of the code, plus the
    /// KL divergence of the posterior from N(0, I).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not variational.</exception>
    public unsafe float[] ComputeNegativeElbo(FeatureMatrix data, int samples = 10, int seed = 0, ReconstructionLoss loss = ReconstructionLoss.MeanSquaredError)
    {
        RequireVariational();
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var rows = CheckedRows(data);
        var options = $"{{\"samples\": {samples}, \"seed\": {(uint)seed}, \"loss\": \"{loss switch { ReconstructionLoss.MeanAbsoluteError => "l1", ReconstructionLoss.BinaryCrossEntropy => "bce", _ => "mse" }}\"}}";
        var scores = new float[data.Rows];
        fixed (float* x = rows)
        fixed (float* output = scores)
        {
            NativeStatus.Check(ModelNativeMethods.ScoreElbo(Handle, x, data.Rows, InputWidth, options, output, scores.Length));
        }

        return scores;
    }

    /// <summary>
    /// ||d code / d input||_F^2 for each row: how strongly the code reacts to small input changes
    /// (what a contractive autoencoder keeps small). Computed exactly with autograd.
    /// </summary>
    public unsafe float[] ComputeJacobianNorms(FeatureMatrix data)
    {
        var rows = CheckedRows(data);
        var norms = new float[data.Rows];
        fixed (float* x = rows)
        fixed (float* output = norms)
        {
            NativeStatus.Check(ModelNativeMethods.JacobianNorm(Handle, x, data.Rows, InputWidth, output, norms.Length));
        }

        return norms;
    }

    /// <summary>Writes each row's mean squared reconstruction error into <paramref name="destination"/>.</summary>
    public void ComputeReconstructionErrors(ReadOnlySpan<float> rows, Span<float> destination) => Run(Inference.Score, rows, destination);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private enum Inference { Encode, Reconstruct, Score, Decode }

    private int OutputWidth(Inference inference) => inference switch
    {
        Inference.Encode => LatentWidth,
        Inference.Reconstruct or Inference.Decode => InputWidth,
        _ => 1,
    };

    private int InputWidthOf(Inference inference) => inference == Inference.Decode ? LatentWidth : InputWidth;

    private void RequireVariational()
    {
        if (!IsVariational)
        {
            throw new InvalidOperationException("Only a variational autoencoder has a posterior distribution and an ELBO.");
        }
    }

    private ReadOnlySpan<float> CheckedRows(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data.Columns, InputWidth);
        data.EnsureFinite("data");
        _ = Handle;
        return data.Rows == 0 ? throw new ArgumentException("There are no rows.", nameof(data)) : data.Values;
    }

    private FeatureMatrix Run(Inference inference, FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data.Columns, InputWidthOf(inference));
        var width = OutputWidth(inference);
        var output = new float[checked(data.Rows * width)];
        Run(inference, data.Values, output, data.IsChecked(allowMissing: false));
        return new FeatureMatrix(output, width);
    }

    private unsafe void Run(Inference inference, ReadOnlySpan<float> rows, Span<float> destination, bool rowsChecked = false)
    {
        var inputWidth = InputWidthOf(inference);
        if (rows.Length % inputWidth != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not a whole number of rows of {inputWidth}.", nameof(rows));
        }

        var count = rows.Length / inputWidth;
        var needed = (long)count * OutputWidth(inference);
        if (destination.Length != needed)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values but {count} rows need {needed}.", nameof(destination));
        }

        if (!rowsChecked) FeatureMatrix.EnsureFinite(rows, inputWidth, nameof(rows));
        var handle = Handle;
        if (count == 0)
        {
            return;
        }

        fixed (float* x = rows)
        fixed (float* output = destination)
        {
            NativeStatus.Check(inference switch
            {
                Inference.Encode => ModelNativeMethods.Encode(handle, x, count, InputWidth, output, needed),
                Inference.Reconstruct => ModelNativeMethods.Reconstruct(handle, x, count, InputWidth, output, needed),
                Inference.Decode => ModelNativeMethods.Decode(handle, x, count, LatentWidth, output, needed),
                _ => ModelNativeMethods.Score(handle, x, count, InputWidth, output, needed),
            });
        }
    }

    private static void CheckWidth(int columns, int width)
    {
        if (columns != width)
        {
            throw new ArgumentException($"Rows have {columns} values but the model takes {width}.", "data");
        }
    }

    private static unsafe AutoencoderArchitecture ReadArchitecture(ModelHandle handle)
    {
        var json = NativeStatus.ReadString((buffer, capacity) =>
            (ModelNativeMethods.GetSpec(handle, (byte*)buffer, capacity, out var length), length));
        return AutoencoderArchitecture.FromJson(json);
    }
}
