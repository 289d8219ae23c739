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
        ArgumentNullException.ThrowIfNull(stream);
        var models = new List<AutoencoderModel>();
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries.Where(entry => entry.Name == OnnxEntryName).OrderBy(entry => entry.FullName, StringComparer.Ordinal))
            {
                var graph = ReadOnnxEntry(entry);
                if (AutoencoderOnnxGraph.CarriesModel(graph))
                {
                    models.Add(AutoencoderOnnxGraph.ReadModel(graph));
                }
            }

            return models;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            models.ForEach(model => model.Dispose());
            if (e is InvalidDataException)
            {
                throw;
            }

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
