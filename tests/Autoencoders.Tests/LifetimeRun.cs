using System.Globalization;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests;

/// <summary>
/// The child process of the lifetime test: cycles of fit (normalizer, embedding, detector), score
/// in process, save, load in plain ML.NET (an ONNX Runtime session per transformer), score again,
/// dispose everything. Prints, every eighth of the cycles and after a quarter of them, each after a
/// full garbage collection: the process's resident memory, the native memory malloc has handed out
/// and not had back (TorchSharp's tensors, ONNX Runtime's sessions) and the managed heap.
/// </summary>
public static class LifetimeRun
{
    public static int Run(int cycles)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(200, 0, seed: 1));
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var fitted = ml.Transforms.NormalizeMinMax("Features")
                .Append(ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 4, epochs: 1))
                .Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { FeatureColumnName = "Code", Epochs = 1 }))
                .Fit(data);
            var inProcess = fitted.Transform(data).GetColumn<float>("Score").Sum();
            if (!float.IsFinite(inProcess))
            {
                throw new InvalidOperationException($"cycle {cycle}: the scores in process sum to {inProcess}");
            }

            using var saved = new MemoryStream();
            ml.Model.Save(fitted, data.Schema, saved);
            saved.Position = 0;
            ITransformer loaded;
            try
            {
                loaded = SavedModelLoading.Load(ml, saved, out _);
            }
            catch (Exception error)
            {
                throw new InvalidOperationException($"cycle {cycle}: the model saved with in-process scores summing to {inProcess} does not load", error);
            }

            var afterLoad = loaded.Transform(data).GetColumn<float>("Score").Sum();
            if (Math.Abs(inProcess - afterLoad) > 1e-3 * (1 + Math.Abs(inProcess)))
            {
                throw new InvalidOperationException($"cycle {cycle}: scores {inProcess} in process, {afterLoad} loaded");
            }

            foreach (var transformer in fitted.Concat(loaded as IEnumerable<ITransformer> ?? [loaded]))
            {
                (transformer as IDisposable)?.Dispose();
            }

            (loaded as IDisposable)?.Dispose();
            if (cycle % Math.Max(1, cycles / 8) == 0 || cycle == cycles / 4 || cycle == cycles)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var native = GlibcHeapStatistics.Now();
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cycle {cycle} rss_mb {ResidentMegabytes():F1} native_mb {(double)(native.InUse + native.Mapped) / (1 << 20):F1} managed_mb {GC.GetGCMemoryInfo().HeapSizeBytes / (double)(1 << 20):F1}"));
                Console.Out.Flush();
            }
        }

        return 0;
    }

    private static double ResidentMegabytes() => double.Parse(
        File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture) / 1024;
}
