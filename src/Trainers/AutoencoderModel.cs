using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// A trained autoencoder held by the native engine: encode rows to codes, reconstruct them, score
/// them by reconstruction error, save and load. Inference methods are safe to call from many
/// threads at once; training a model (through <see cref="AutoencoderTrainer"/>) is not.
/// Dispose it to free the native memory at once rather than at finalization.
/// </summary>
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

        TorchRuntime.EnsureInitialized();
        NativeStatus.Check(ModelNativeMethods.Load(path, seed, out var handle));
        return new AutoencoderModel(handle, ReadArchitecture(handle), seed);
    }

    /// <summary>Writes weights and architecture to <paramref name="path"/>, replacing it only once the write succeeded.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            NativeStatus.Check(ModelNativeMethods.Save(Handle, temporary));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A deep copy of this model's weights.</summary>
    public AutoencoderModel Clone()
    {
        NativeStatus.Check(ModelNativeMethods.Clone(Handle, Seed, out var copy));
        return new AutoencoderModel(copy, Architecture, Seed);
    }

    /// <summary>The code of each row: a matrix of <see cref="LatentWidth"/> columns.</summary>
    public FeatureMatrix Encode(FeatureMatrix data) => Run(Inference.Encode, data);

    /// <summary>Writes the codes of the rows in <paramref name="rows"/> into <paramref name="destination"/>.</summary>
    public void Encode(ReadOnlySpan<float> rows, Span<float> destination) => Run(Inference.Encode, rows, destination);

    /// <summary>The reconstruction of each row: a matrix of <see cref="InputWidth"/> columns.</summary>
    public FeatureMatrix Reconstruct(FeatureMatrix data) => Run(Inference.Reconstruct, data);

    /// <summary>Writes the reconstructions of the rows in <paramref name="rows"/> into <paramref name="destination"/>.</summary>
    public void Reconstruct(ReadOnlySpan<float> rows, Span<float> destination) => Run(Inference.Reconstruct, rows, destination);

    /// <summary>Each row's mean squared reconstruction error (higher = less like the training data).</summary>
    public float[] ComputeReconstructionErrors(FeatureMatrix data) => Run(Inference.Score, data).Array;

    /// <summary>Writes each row's mean squared reconstruction error into <paramref name="destination"/>.</summary>
    public void ComputeReconstructionErrors(ReadOnlySpan<float> rows, Span<float> destination) => Run(Inference.Score, rows, destination);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private enum Inference { Encode, Reconstruct, Score }

    private int OutputWidth(Inference inference) => inference switch
    {
        Inference.Encode => LatentWidth,
        Inference.Reconstruct => InputWidth,
        _ => 1,
    };

    private FeatureMatrix Run(Inference inference, FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data.Columns);
        var width = OutputWidth(inference);
        var output = new float[checked(data.Rows * width)];
        Run(inference, data.Values, output);
        return new FeatureMatrix(output, width);
    }

    private unsafe void Run(Inference inference, ReadOnlySpan<float> rows, Span<float> destination)
    {
        if (rows.Length % InputWidth != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not a whole number of rows of {InputWidth}.", nameof(rows));
        }

        var count = rows.Length / InputWidth;
        var needed = (long)count * OutputWidth(inference);
        if (destination.Length != needed)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values but {count} rows need {needed}.", nameof(destination));
        }

        FeatureMatrix.EnsureFinite(rows, InputWidth, nameof(rows));
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
                _ => ModelNativeMethods.Score(handle, x, count, InputWidth, output, needed),
            });
        }
    }

    private void CheckWidth(int columns)
    {
        if (columns != InputWidth)
        {
            throw new ArgumentException($"Rows have {columns} values but the model takes {InputWidth}.", "data");
        }
    }

    private static unsafe AutoencoderArchitecture ReadArchitecture(ModelHandle handle)
    {
        var json = NativeStatus.ReadString((buffer, capacity) =>
            (ModelNativeMethods.GetSpec(handle, (byte*)buffer, capacity, out var length), length));
        return AutoencoderArchitecture.FromJson(json);
    }
}
