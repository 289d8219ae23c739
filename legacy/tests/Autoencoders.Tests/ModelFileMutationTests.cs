using System.IO.Compression;
using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>
/// Corrupts a saved model 1,500 ways. Loading must either succeed (the damage missed anything that
/// matters) with a model whose outputs are exactly the original's, or fail with
/// InvalidDataException; never crash the process, hang, load with other numbers, or throw anything else.
/// </summary>
public class ModelFileMutationTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("mutations-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EveryCorruptionLoadsCleanlyOrFailsWithInvalidData()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 50)).Transform(TestData.Tabular(_ml, 50));
        var model = _ml.Transforms.NormalizeMinMax("Features")
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, Epochs = 1 })).Fit(data);
        var original = Path.Combine(_directory, "model.zip");
        _ml.Model.Save(model, data.Schema, original);
        var bytes = File.ReadAllBytes(original);
        var weights = ReadEntry(bytes, "autoencoders/0.pt");
        var expected = Scores(model, data);

        var random = new Random(11);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1500; i++)
        {
            var (kind, mutated) = (i % 5) switch
            {
                4 => ("JSON bit-flipped", FlipBitsInside(bytes, ZipLayout.EntryData(bytes, JsonEntries[random.Next(JsonEntries.Length)]), random)),
                0 => ("truncated", bytes[..random.Next(bytes.Length)]),
                1 => ("bit-flipped", FlipBits(bytes, random)),
                2 => ("overwritten", Overwrite(bytes, random)),
                _ => ("weights corrupted", ReplaceEntry(bytes, "autoencoders/0.pt", random.Next(2) == 0 ? FlipBits(weights, random) : weights[..random.Next(weights.Length)])),
            };
            var path = Path.Combine(_directory, $"mutant-{i}.zip");
            File.WriteAllBytes(path, mutated);
            var outcome = LoadWithin(path, TimeSpan.FromSeconds(20), data, expected);
            Assert.True(outcome is "loaded" or "invalid", $"mutation {i} ({kind}) gave {outcome}");
            outcomes[$"{kind}: {outcome}"] = outcomes.GetValueOrDefault($"{kind}: {outcome}") + 1;
            File.Delete(path);
        }

        // Most damage must be detected, in every family of mutation.
        foreach (var kind in new[] { "truncated", "bit-flipped", "overwritten", "weights corrupted", "JSON bit-flipped" })
        {
            Assert.True(outcomes.GetValueOrDefault($"{kind}: invalid") > 100, string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        }
    }

    private static readonly string[] JsonEntries = ["model.json", "schema.json", "format.json"];

    private static float[] Scores(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        return scored.GetColumn<float>("Score").ToArray();
    }

    private string LoadWithin(string path, TimeSpan limit, IDataView data, float[] expected)
    {
        var load = Task.Run(() =>
        {
            try
            {
                var loaded = _ml.Model.Load(path, out _);
                var scores = Scores(loaded, data);
                (loaded as IDisposable)?.Dispose();
                return scores.SequenceEqual(expected) ? "loaded" : "loaded with different scores";
            }
            catch (InvalidDataException)
            {
                return "invalid";
            }
            catch (Exception e)
            {
                return $"{e.GetType().Name}: {e.Message}";
            }
        });
        return load.Wait(limit) ? load.Result : "a hang";
    }

    private static byte[] FlipBits(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] FlipBitsInside(byte[] bytes, (int Offset, int Length) range, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            copy[range.Offset + random.Next(range.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Overwrite(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        var start = random.Next(copy.Length);
        random.NextBytes(copy.AsSpan(start, Math.Min(copy.Length - start, random.Next(1, 64))));
        return copy;
    }

    private static byte[] ReadEntry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var entry = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] ReplaceEntry(byte[] zip, string name, byte[] content)
    {
        var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)!.Delete();
            using var entry = archive.CreateEntry(name).Open();
            entry.Write(content);
        }

        return stream.ToArray();
    }
}
