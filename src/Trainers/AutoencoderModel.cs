using System.Text;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// A trained (or freshly initialized) autoencoder: its architecture, its TorchSharp network and the
/// seeded generator its training draws from. Inference runs in evaluation mode, without gradients,
/// in batches of <see cref="InferenceBatchRows"/> rows. Not for use after <see cref="Dispose"/>.
/// </summary>
public sealed class AutoencoderModel : IDisposable
{
    /// <summary>Rows per forward pass at inference: large enough for fast matrix products, small enough to bound memory.</summary>
    public const int InferenceBatchRows = 1024;

    private const string FileMagic = "AUTOENCODER-TORCHSHARP";
    private const int FileFormat = 1;

    private readonly AutoencoderNetwork _network;
    private readonly List<IDisposable> _freedWithNetwork = [];
    private readonly Lock _lifetime = new();
    private bool _disposed;
    private int _uses;

    private AutoencoderModel(AutoencoderArchitecture architecture, long seed)
    {
        TorchRuntime.EnsureInitialized();
        Architecture = architecture;
        Seed = seed;
        Generator = new Generator(unchecked((ulong)seed));
        _network = new AutoencoderNetwork(architecture, Generator);
    }

    /// <summary>The exact layers.</summary>
    public AutoencoderArchitecture Architecture { get; }

    /// <summary>Values per input row.</summary>
    public int InputWidth => Architecture.InputWidth;

    /// <summary>Values in the code.</summary>
    public int LatentWidth => Architecture.LatentWidth;

    /// <summary>Whether this is a variational autoencoder.</summary>
    public bool IsVariational => Architecture.IsVariational;

    /// <summary>The seed the weights were first drawn with.</summary>
    public long Seed { get; }

    /// <summary>The generator initialization, dropout, shuffling, noise and sampling draw from.</summary>
    internal Generator Generator { get; }

    /// <summary>The network, for training.</summary>
    internal AutoencoderNetwork Network
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _network;
        }
    }

    /// <summary>Every learned and running tensor by name (weights, biases, batch norm's statistics), in a fixed order.</summary>
    internal IReadOnlyList<(string Name, Tensor Tensor)> State => Network.State;

    /// <summary>A new network of <paramref name="architecture"/>, weights drawn with <paramref name="seed"/> as PyTorch draws them.</summary>
    public static AutoencoderModel Create(AutoencoderArchitecture architecture, long seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return new AutoencoderModel(architecture, seed);
    }

    /// <summary>Writes the model (architecture and weights) to <paramref name="path"/>, atomically: a crash leaves the old file or none.</summary>
    public void Save(string path) => AtomicFile.Write(path, Save);

    /// <summary>Writes the model (architecture and weights) to <paramref name="stream"/>, which stays open.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var use = BeginUse();
        using (var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(FileMagic);
            header.Write(FileFormat);
        }

        ChecksummedPayload.Write(stream, writer =>
        {
            writer.Write(Architecture.ToJson());
            writer.Write(Seed);
            StateFile.Write(writer, State);
        });
    }

    /// <summary>Reads a model that <see cref="Save(string)"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The file is damaged or is not such a model.</exception>
    public static AutoencoderModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}': {e.Message}", e);
        }
    }

    /// <summary>Reads a model that <see cref="Save(Stream)"/> wrote, leaving the stream open.</summary>
    /// <exception cref="InvalidDataException">The data is damaged or is not such a model.</exception>
    public static AutoencoderModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        AutoencoderArchitecture architecture;
        long seed;
        BinaryReader reader;
        try
        {
            using (var header = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
            {
                if (header.ReadString() != FileMagic)
                {
                    throw new InvalidDataException("not an autoencoder model");
                }

                var format = header.ReadInt32();
                if (format != FileFormat)
                {
                    throw new InvalidDataException($"model format version {format} is not known to this version of the library (it reads version {FileFormat})");
                }
            }

            reader = ChecksummedPayload.Read(stream);
            architecture = AutoencoderArchitecture.FromJson(reader.ReadString());
            seed = reader.ReadInt64();
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"not an autoencoder model ({e.Message})", e);
        }

        using var payload = reader;
        var model = new AutoencoderModel(architecture, seed);
        try
        {
            StateFile.Read(payload, model.State);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>An independent copy with the same weights.</summary>
    public AutoencoderModel Clone()
    {
        using var use = BeginUse();
        var copy = new AutoencoderModel(Architecture, Seed);
        copy.CopyWeightsFrom(this);
        return copy;
    }

    /// <summary>Overwrites this model's weights and running statistics with <paramref name="other"/>'s (the same architecture).</summary>
    internal void CopyWeightsFrom(AutoencoderModel other)
    {
        using var noGrad = no_grad();
        foreach (var ((_, target), (_, source)) in State.Zip(other.State))
        {
            target.copy_(source);
        }
    }

    /// <summary>The code of each row (the posterior mean for a variational model).</summary>
    public FeatureMatrix Encode(FeatureMatrix data) => Map(data, LatentWidth, Network.Encode);

    /// <summary>The codes of whole rows in <paramref name="rows"/>, written to <paramref name="destination"/> (<see cref="LatentWidth"/> values per row).</summary>
    public void Encode(ReadOnlySpan<float> rows, Span<float> destination) => Map(rows, InputWidth, destination, LatentWidth, Network.Encode);

    /// <summary>Each row as the autoencoder gives it back.</summary>
    public FeatureMatrix Reconstruct(FeatureMatrix data) => Map(data, InputWidth, Network.Reconstruct);

    /// <summary>The reconstructions of whole rows in <paramref name="rows"/>, written to <paramref name="destination"/>.</summary>
    public void Reconstruct(ReadOnlySpan<float> rows, Span<float> destination) => Map(rows, InputWidth, destination, InputWidth, Network.Reconstruct);

    /// <summary>Rows decoded from codes (<see cref="LatentWidth"/> values each).</summary>
    public FeatureMatrix Decode(FeatureMatrix codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        RequireWidth(codes.Columns, LatentWidth, nameof(codes));
        var output = new float[checked(codes.Rows * InputWidth)];
        Map(codes.Values, LatentWidth, output, InputWidth, Network.Decode);
        return new FeatureMatrix(output, InputWidth);
    }

    /// <summary>The rows decoded from whole codes in <paramref name="codes"/> (<see cref="LatentWidth"/> values each), written to <paramref name="destination"/>.</summary>
    public void Decode(ReadOnlySpan<float> codes, Span<float> destination) => Map(codes, LatentWidth, destination, InputWidth, Network.Decode);

    /// <summary>Each row's mean squared difference between the row and its reconstruction.</summary>
    public float[] ComputeReconstructionErrors(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireWidth(data.Columns, InputWidth, nameof(data));
        var errors = new float[data.Rows];
        ComputeReconstructionErrors(data.Values, errors);
        return errors;
    }

    /// <summary>The mean squared reconstruction error of each whole row in <paramref name="rows"/>, one value per row.</summary>
    public void ComputeReconstructionErrors(ReadOnlySpan<float> rows, Span<float> destination) =>
        Map(rows, InputWidth, destination, 1, input => (Network.Reconstruct(input) - input).Squared().mean([1], keepdim: true));

    /// <summary>A variational model's posterior for each row: the mean and log-variance of its code.</summary>
    /// <exception cref="InvalidOperationException">The model is not variational.</exception>
    public (FeatureMatrix Mean, FeatureMatrix LogVariance) EncodeDistribution(FeatureMatrix data)
    {
        RequireVariational();
        var both = Map(data, 2 * LatentWidth, input =>
        {
            var (mean, logVariance) = Network.EncodeDistribution(input);
            return cat([mean, logVariance], 1);
        });
        var (means, logVariances) = (new float[data.Rows * LatentWidth], new float[data.Rows * LatentWidth]);
        for (var row = 0; row < data.Rows; row++)
        {
            both.Row(row)[..LatentWidth].CopyTo(means.AsSpan(row * LatentWidth));
            both.Row(row)[LatentWidth..].CopyTo(logVariances.AsSpan(row * LatentWidth));
        }

        return (new FeatureMatrix(means, LatentWidth), new FeatureMatrix(logVariances, LatentWidth));
    }

    /// <summary>
    /// A variational model's negative ELBO for each row (higher = more anomalous): the reconstruction
    /// loss summed over features, averaged over <paramref name="samples"/> draws of the code, plus the
    /// KL divergence of the posterior from N(0, I).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not variational.</exception>
    public float[] ComputeNegativeElbo(FeatureMatrix data, int samples = 10, int seed = 0, ReconstructionLoss loss = ReconstructionLoss.MeanSquaredError)
    {
        RequireVariational();
        ArgumentNullException.ThrowIfNull(data);
        RequireWidth(data.Columns, InputWidth, nameof(data));
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        using var generator = new Generator(unchecked((ulong)seed));
        var scores = new float[data.Rows];
        Map(data.Values, InputWidth, scores, 1, input =>
        {
            var (mean, logVariance) = Network.EncodeDistribution(input);
            var total = zeros(input.shape[0]);
            for (var k = 0; k < samples; k++)
            {
                var code = mean.Plus(logVariance.Times(0.5).exp() * randn(mean.shape, generator: generator));
                total = total.Plus(TrainingObjective.ReconstructionPerRow(loss, Network.Decode(code), input));
            }

            return total.DividedBy(samples).Plus(TrainingObjective.KullbackLeiblerPerRow(mean, logVariance));
        });
        return scores;
    }

    /// <summary>
    /// ||d code / d input||_F^2 for each row: how strongly the code reacts to small input changes
    /// (what a contractive autoencoder keeps small). Computed exactly with autograd.
    /// </summary>
    public float[] ComputeJacobianNorms(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireWidth(data.Columns, InputWidth, nameof(data));
        var norms = new float[data.Rows];
        Map(data.Values, InputWidth, norms, 1, input =>
        {
            using var gradients = enable_grad();
            var source = input.requires_grad_(true);
            return TrainingObjective.JacobianNormPerRow(Network.Encode(source), source, createGraph: false).detach();
        });
        return norms;
    }

    /// <summary>New rows from a variational model: codes drawn from the prior N(0, I), decoded.</summary>
    /// <exception cref="InvalidOperationException">The model is not variational.</exception>
    public FeatureMatrix Sample(int count, int seed)
    {
        RequireVariational();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)seed));
        var codes = randn([count, LatentWidth], generator: generator);
        return Decode(new FeatureMatrix(TensorRows.ToArray(codes), LatentWidth));
    }

    /// <summary>
    /// The rows decoded along the straight line between the codes of <paramref name="from"/> and
    /// <paramref name="to"/>: <paramref name="steps"/> rows, the first and last decoding the ends.
    /// </summary>
    public FeatureMatrix Interpolate(ReadOnlySpan<float> from, ReadOnlySpan<float> to, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        RequireWidth(from.Length, InputWidth, nameof(from));
        RequireWidth(to.Length, InputWidth, nameof(to));
        var ends = new float[2 * InputWidth];
        from.CopyTo(ends);
        to.CopyTo(ends.AsSpan(InputWidth));
        var codes = Encode(new FeatureMatrix(ends, InputWidth));
        var line = new float[steps * LatentWidth];
        for (var step = 0; step < steps; step++)
        {
            var t = step / (float)(steps - 1);
            for (var j = 0; j < LatentWidth; j++)
            {
                line[step * LatentWidth + j] = (1 - t) * codes.Values[j] + t * codes.Values[LatentWidth + j];
            }
        }

        return Decode(new FeatureMatrix(line, LatentWidth));
    }

    /// <summary>
    /// Frees the network's native memory, at once or, while other threads are scoring with it, when
    /// the last of them finishes; from now on every call throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        lock (_lifetime)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_uses > 0)
            {
                return;
            }
        }

        Free();
    }

    /// <summary>
    /// A use of the network that a concurrent <see cref="Dispose"/> waits out: the network is freed
    /// when the last use ends, never under a running call.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The model is disposed.</exception>
    internal Use BeginUse()
    {
        lock (_lifetime)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _uses++;
        }

        return new Use(this);
    }

    /// <summary>One use of the network, ended by disposing it.</summary>
    internal readonly struct Use(AutoencoderModel model) : IDisposable
    {
        public void Dispose() => model.EndUse();
    }

    private void EndUse()
    {
        lock (_lifetime)
        {
            if (--_uses > 0 || !_disposed)
            {
                return;
            }
        }

        Free();
    }

    /// <summary>Has <paramref name="weights"/>, which run with the network (under its uses), freed when the network is.</summary>
    internal void FreeWith(IDisposable weights)
    {
        lock (_lifetime)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _freedWithNetwork.Add(weights);
        }
    }

    private void Free()
    {
        _network.Dispose();
        _freedWithNetwork.ForEach(weights => weights.Dispose());
        Generator.Dispose();
    }

    private FeatureMatrix Map(FeatureMatrix data, int outputWidth, Func<Tensor, Tensor> function)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireWidth(data.Columns, InputWidth, nameof(data));
        var output = new float[checked(data.Rows * outputWidth)];
        Map(data.Values, InputWidth, output, outputWidth, function);
        return new FeatureMatrix(output, outputWidth);
    }

    /// <summary>Runs <paramref name="function"/> over whole rows in batches, each batch in its own dispose scope, without gradients.</summary>
    private void Map(ReadOnlySpan<float> rows, int inputWidth, Span<float> destination, int outputWidth, Func<Tensor, Tensor> function)
    {
        var count = CountRows(rows, inputWidth);
        RequireRoom(destination.Length, count, outputWidth, nameof(destination));
        using var use = BeginUse();
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += InferenceBatchRows)
        {
            var batch = Math.Min(InferenceBatchRows, count - start);
            using var scope = NewDisposeScope();
            var output = function(TensorRows.From(rows.Slice(start * inputWidth, batch * inputWidth), inputWidth));
            TensorRows.CopyTo(output, destination.Slice(start * outputWidth, batch * outputWidth));
        }
    }

    /// <summary>
    /// Runs <paramref name="function"/> over whole rows of the model's input in batches, as
    /// <see cref="Map(ReadOnlySpan{float}, int, Span{float}, int, Func{Tensor, Tensor})"/> does, for
    /// several outputs at once: output i has <paramref name="widths"/>[i] values per row and is written
    /// to <paramref name="destinations"/>[i], or skipped where that is null (the function may then return null for it).
    /// </summary>
    internal void Map(ReadOnlySpan<float> rows, float[]?[] destinations, int[] widths, Func<AutoencoderNetwork, Tensor, Tensor?[]> function)
    {
        var count = CountRows(rows, InputWidth);
        for (var i = 0; i < destinations.Length; i++)
        {
            RequireRoom(destinations[i]?.Length ?? long.MaxValue, count, widths[i], nameof(destinations));
        }

        using var use = BeginUse();
        var network = Network;
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += InferenceBatchRows)
        {
            var batch = Math.Min(InferenceBatchRows, count - start);
            using var scope = NewDisposeScope();
            var outputs = function(network, TensorRows.From(rows.Slice(start * InputWidth, batch * InputWidth), InputWidth));
            for (var i = 0; i < destinations.Length; i++)
            {
                if (destinations[i] is { } destination)
                {
                    TensorRows.CopyTo(outputs[i]!, destination.AsSpan(start * widths[i], batch * widths[i]));
                }
            }
        }
    }

    private static int CountRows(ReadOnlySpan<float> rows, int width)
    {
        RequireWidth(rows.Length % width == 0 ? width : -1, width, nameof(rows), rows.Length);
        return rows.Length / width;
    }

    private static void RequireRoom(long length, int rows, int width, string name)
    {
        if (length < (long)rows * width)
        {
            throw new ArgumentException($"The destination holds {length} values; {rows} rows need {(long)rows * width}.", name);
        }
    }

    private void RequireVariational()
    {
        if (!IsVariational)
        {
            throw new InvalidOperationException("Only a variational autoencoder has a posterior to sample from; this one is not variational.");
        }
    }

    private static void RequireWidth(int width, int expected, string name, int? values = null)
    {
        if (width != expected)
        {
            throw new ArgumentException(values is { } count
                ? $"{count} values are not whole rows of {expected}."
                : $"The rows have {width} values but the model takes {expected}.", name);
        }
    }
}
