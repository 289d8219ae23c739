// One benchmark case per run, printed as "<name> <value>" lines that bench/run.sh pairs with
// bench/peer.py's. Cases mirror peer.py exactly: data, architecture, batch size, threads.
//   Ours <case> <threads>
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var (name, threads) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture));
TorchRuntime.NumberOfThreads = threads;
var dense = new DenseAutoencoderSpec(784, 32, [256], outputActivation: Activation.Sigmoid);
switch (name)
{
    case "train-dense-b256": Report("rows_per_s", TrainingRowsPerSecond(dense, 60_000, 256, 3)); break;
    case "train-dense-b32": Report("rows_per_s", TrainingRowsPerSecond(dense, 20_000, 32, 3)); break;
    case "train-conv-b128": Report("rows_per_s", TrainingRowsPerSecond(new ConvolutionalAutoencoderSpec(1, 28, 28, 16, outputActivation: Activation.Sigmoid), 5_000, 128, 2)); break;
    case "train-vae-b128": Report("rows_per_s", TrainingRowsPerSecond(new DenseAutoencoderSpec(784, 8, [256], outputActivation: Activation.Sigmoid, variational: true), 60_000, 128, 3)); break;
    case "train-dense-b256-peak":
        var rowsPerSecond = TrainingRowsPerSecond(dense, 60_000, 256, 3);
        var peak = SgemmGflops();
        // Forward products per row: 2 x (784x256 + 256x32 + 32x256 + 256x784) flops; backward twice that.
        var gflops = rowsPerSecond * 3 * 2.0 * (784 * 256 + 256 * 32 + 32 * 256 + 256 * 784) / 1e9;
        Report("gflops", gflops);
        Report("sgemm_peak_gflops", peak);
        Report("fraction_of_peak", gflops / peak);
        break;
    case "score-bulk-10k": BulkScoring(loaded: false, threads); break;
    case "loaded-score-bulk-10k": BulkScoring(loaded: true, threads); break;
    case "single-row-latency": SingleRowLatency(loaded: false); break;
    case "loaded-single-row-latency": SingleRowLatency(loaded: true); break;
    default: throw new ArgumentException($"unknown case '{name}'");
}

static void Report(string key, double value) => Console.WriteLine($"{key} {value:G6}");

static double TrainingRowsPerSecond(IAutoencoderSpec spec, int rows, int batchSize, int timedEpochs)
{
    var (images, _) = FashionMnist.LoadTraining(rows);
    var ends = new List<TimeSpan>();
    var options = new AutoencoderTrainingOptions
    {
        Epochs = timedEpochs + 1, BatchSize = batchSize, ValidationFraction = 0, Seed = 1, Progress = new Recorder<EpochProgress>(e => ends.Add(e.Elapsed)),
    };
    new AutoencoderTrainer(options).Fit(spec, images).Model.Dispose();
    var seconds = ends.Zip(ends.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToArray();
    return images.Rows / seconds[seconds.Length / 2];
}

/// <summary>libtorch's own float32 matrix product rate at the current thread count: 1024 x 1024 products, GFLOP/s.</summary>
static double SgemmGflops()
{
    using var a = torch.rand(1024, 1024);
    using var b = torch.rand(1024, 1024);
    torch.mm(a, b).Dispose();
    const int repeats = 20;
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < repeats; i++)
    {
        using var product = torch.mm(a, b);
    }

    return 2.0 * 1024 * 1024 * 1024 * repeats / clock.Elapsed.TotalSeconds / 1e9;
}

/// <summary>
/// The dense 784-256-32 detector scoring reconstruction error, trained one epoch on 2,000 test
/// images; with <paramref name="loaded"/>, saved and loaded back, so that ML.NET's
/// OnnxTransformer scores it on ONNX Runtime. Also returns the saved file.
/// </summary>
static (MLContext Ml, ITransformer Model, byte[] Saved) Detector(bool loaded)
{
    var ml = new MLContext(seed: 1);
    var training = ml.Data.LoadFromEnumerable(Images(FashionMnist.LoadTest(2_000).Images));
    var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
    {
        FeatureColumnName = nameof(Image.Features), LatentDimension = 32, HiddenWidths = [256], OutputActivation = Activation.Sigmoid, Epochs = 1,
        Score = AnomalyScore.ReconstructionError,
    }).Fit(training);
    using var saved = new MemoryStream();
    ml.Model.Save(detector, training.Schema, saved);
    if (!loaded)
    {
        return (ml, detector, saved.ToArray());
    }

    detector.Dispose();
    saved.Position = 0;
    return (ml, ml.Model.Load(saved, out _), saved.ToArray());
}

static void BulkScoring(bool loaded, int threads)
{
    var (ml, model, saved) = Detector(loaded);
    var test = FashionMnist.LoadTest().Images;
    var rows = ml.Data.LoadFromEnumerable(Images(test));
    Report("rows_per_s", test.Rows / MedianSeconds(() => ml.Data.CreateEnumerable<Prediction>(model.Transform(rows), reuseRowObject: true).Sum(p => (double)p.Score)));
    // The graph takes one row per call, as ML.NET's OnnxTransformer feeds it.
    using var session = OnnxSession(saved, threads);
    var input = new float[784];
    using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [784]);
    using var runOptions = new RunOptions();
    string[] inputNames = [session.InputNames[0]], outputNames = [ScoreOutput(session)];
    Report("onnxruntime_rows_per_s", test.Rows / MedianSeconds(() =>
    {
        for (var row = 0; row < test.Rows; row++)
        {
            test.Row(row).CopyTo(input);
            using var outputs = session.Run(runOptions, inputNames, [inputValue], outputNames);
        }
    }));
}

static void SingleRowLatency(bool loaded)
{
    var (ml, model, saved) = Detector(loaded);
    var rows = Images(FashionMnist.LoadTest(2_000).Images);
    var engine = ml.Model.CreatePredictionEngine<Image, Prediction>(model);
    var prediction = new Prediction();
    ReportLatencies("", i => engine.Predict(rows[i % rows.Length], ref prediction));
    using var session = OnnxSession(saved, threads: 1);
    var input = new float[784];
    using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [784]);
    using var runOptions = new RunOptions();
    string[] inputNames = [session.InputNames[0]], outputNames = [ScoreOutput(session)];
    ReportLatencies("onnxruntime_", i =>
    {
        rows[i % rows.Length].Features.CopyTo(input, 0);
        using var outputs = session.Run(runOptions, inputNames, [inputValue], outputNames);
    });
}

/// <summary>ONNX Runtime's own session over the graph the saved detector holds (the last ONNX entry in its zip).</summary>
static InferenceSession OnnxSession(byte[] saved, int threads)
{
    using var zip = new ZipArchive(new MemoryStream(saved), ZipArchiveMode.Read);
    var entry = zip.Entries.Last(entry => entry.Name == "OnnxModel");
    using var reader = new BinaryReader(entry.Open());
    var graph = reader.ReadBytes(reader.ReadInt32());
    return new InferenceSession(graph, new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 });
}

static string ScoreOutput(InferenceSession session) => session.OutputNames.First(output => output.Contains("Score", StringComparison.Ordinal));

/// <summary>The median of 20 timed calls of <paramref name="work"/>, after one untimed call.</summary>
static double MedianSeconds(Action work)
{
    work();
    var seconds = Enumerable.Range(0, 20).Select(_ =>
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalSeconds;
    }).Order().ToArray();
    return seconds[seconds.Length / 2];
}

/// <summary>Reports <paramref name="prefix"/>p50_us and p99_us over 10,000 calls of <paramref name="predict"/>.</summary>
static void ReportLatencies(string prefix, Action<int> predict)
{
    // Two seconds of warm-up on both sides: long enough for .NET's tiered compilation to replace
    // the first quickly compiled code with optimized code, as it will have in a running service.
    var warmUp = Stopwatch.StartNew();
    for (var i = 0; warmUp.Elapsed.TotalSeconds < 2; i++) predict(i);
    var micros = new double[10_000];
    for (var i = 0; i < micros.Length; i++)
    {
        var start = Stopwatch.GetTimestamp();
        predict(i);
        micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Array.Sort(micros);
    Report($"{prefix}p50_us", micros[micros.Length / 2]);
    Report($"{prefix}p99_us", micros[micros.Length * 99 / 100]);
}

static Image[] Images(FeatureMatrix rows) => Enumerable.Range(0, rows.Rows).Select(i => new Image { Features = rows.Row(i).ToArray() }).ToArray();

sealed class Image
{
    [VectorType(784)]
    public float[] Features { get; set; } = [];
}

sealed class Prediction
{
    public float Score { get; set; }

    public bool PredictedLabel { get; set; }
}

sealed class Recorder<T>(Action<T> record) : IProgress<T>
{
    public void Report(T value) => record(value);
}
