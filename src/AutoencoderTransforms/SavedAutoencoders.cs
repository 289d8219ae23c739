using System.IO.Compression;
using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// The TorchSharp models inside a saved ML.NET model: each of our transformers saves an ONNX graph
/// through ML.NET's OnnxTransformer, which stores it in the zip as an "OnnxModel" entry (a 32-bit
/// length, then the bytes), and the graph carries the whole model in its metadata.
/// </summary>
internal static class SavedAutoencoders
{
    private const string OnnxEntryName = "OnnxModel";

    /// <summary>
    /// How many times its compressed size (or 64 KiB, for small entries) a graph's entry may inflate
    /// to: trained weights barely compress, so far more is a zip bomb, refused before it is inflated.
    /// </summary>
    private const long MaxInflation = 100;

    /// <summary>The autoencoders of the model saved in <paramref name="stream"/>, in the order their entries appear in the zip.</summary>
    /// <exception cref="InvalidDataException">The stream is not an ML.NET model, or an autoencoder in it is damaged.</exception>
    public static IReadOnlyList<AutoencoderModel> Read(Stream stream)
    {
        var models = new List<AutoencoderModel>();
        try
        {
            foreach (var graph in OnnxGraphs(stream))
            {
                if (AutoencoderOnnxGraph.CarriesModel(graph))
                {
                    models.Add(AutoencoderOnnxGraph.ReadModel(graph));
                }
            }

            return models;
        }
        catch (InvalidDataException)
        {
            models.ForEach(model => model.Dispose());
            throw;
        }
    }

    /// <summary>The anomaly detectors of the model saved in <paramref name="stream"/>: each one's threshold and training history, in the order they appear.</summary>
    /// <exception cref="InvalidDataException">The stream is not an ML.NET model, or a detector in it is damaged.</exception>
    public static IReadOnlyList<SavedAnomalyDetector> ReadDetectors(Stream stream) =>
        OnnxGraphs(stream).Select(AutoencoderOnnxGraph.ReadDecision).OfType<(float Threshold, IReadOnlyList<EpochProgress> History)>()
            .Select(decision => new SavedAnomalyDetector(decision.Threshold, decision.History)).ToList();

    /// <summary>
    /// The ONNX graphs of the OnnxTransformers in the model saved in <paramref name="stream"/> (ours and
    /// any other), in the order of their entries' names, which is the order of the transformers in the
    /// model: ML.NET names each step's folder by its zero-padded place in its chain.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not an ML.NET model, or an entry is damaged.</exception>
    public static List<byte[]> OnnxGraphs(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Where(entry => entry.Name == OnnxEntryName).OrderBy(entry => entry.FullName, StringComparer.Ordinal).Select(ReadOnnxEntry).ToList();
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The saved model cannot be read: {e.Message}", e);
        }
    }

    private static byte[] ReadOnnxEntry(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxInflation * Math.Max(entry.CompressedLength, 64 * 1024))
        {
            throw new InvalidDataException(
                $"The saved model's entry {entry.FullName} would inflate {entry.CompressedLength} bytes to {entry.Length}, more than {MaxInflation} times: it is damaged or a zip bomb, and was not read.");
        }

        using var reader = new BinaryReader(entry.Open());
        var length = reader.ReadInt32();
        if (length < 0 || length > entry.Length)
        {
            throw new InvalidDataException($"The saved model's entry {entry.FullName} claims {length} bytes of ONNX graph in {entry.Length}.");
        }

        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new InvalidDataException($"The saved model's entry {entry.FullName} ends before its ONNX graph does.");
    }
}
