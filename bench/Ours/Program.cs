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
    case "train-dense-b256-ranks": RanksTrainingRowsPerSecond(dense, 60_000, 256, 3); break;
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
    case "train-dense-b256-profile":
        // Where a step's time goes: the step (from the training rate) against its eleven matrix
        // products alone, timed on the same shapes; what is left is everything else.
        var stepMilliseconds = 256 * 1000.0 / TrainingRowsPerSecond(dense, 60_000, 256, 3);
        var gemmMilliseconds = DenseStepGemmMilliseconds([784, 256, 32, 256, 784], 256);
        Report("step_ms", stepMilliseconds);
        Report("gemm_ms", gemmMilliseconds);
        Report("other_ms", stepMilliseconds - gemmMilliseconds);
        break;
    case "score-bulk-10k": BulkScoring(loaded: false, threads); break;
    case "loaded-score-bulk-10k": BulkScoring(loaded: true, threads); break;
    case "single-row-latency": SingleRowLatency(loaded: false); break;
    case "loaded-single-row-latency": SingleRowLatency(loaded: true); break;
    case "streamed-file": StreamedFile(long.Parse(args[2], CultureInfo.InvariantCulture), args[3]); break;
    case "streamed-train": StreamedTraining(long.Parse(args[2], CultureInfo.InvariantCulture), args[3]); break;
    case "streamed-score": StreamedScoring(long.Parse(args[2], CultureInfo.InvariantCulture), args[3]); break;
    case "fit-dispose-cycles": FitDisposeCycles(int.Parse(args[2], CultureInfo.InvariantCulture), withNormalizer: true); break;
    case "fit-dispose-cycles-ours-only": FitDisposeCycles(int.Parse(args[2], CultureInfo.InvariantCulture), withNormalizer: false); break;
    default: throw new ArgumentException($"unknown case '{name}'");
}

static void Report(string key, double value) => Console.WriteLine($"{key} {value:G6}");

/// <summary>
/// One rank of a data-parallel training started by mpirun: each of N ranks trains on its share of
/// the rows with batches of <paramref name="globalBatchSize"/> / N, so the ranks together take the
/// steps of one process with batches of <paramref name="globalBatchSize"/>. Rank 0 reports all rows per second.
/// </summary>
static void RanksTrainingRowsPerSecond(IAutoencoderSpec spec, int rows, int globalBatchSize, int timedEpochs)
{
    var distributed = DistributedTrainingOptions.FromEnvironment() ?? throw new InvalidOperationException("start this case with mpirun");
    var rate = TrainingRowsPerSecond(spec, rows, globalBatchSize / distributed.WorldSize, timedEpochs, distributed);
    if (distributed.Rank == 0) Report("rows_per_s", rate);
}

static double TrainingRowsPerSecond(IAutoencoderSpec spec, int rows, int batchSize, int timedEpochs, DistributedTrainingOptions? distributed = null)
{
    var (images, _) = FashionMnist.LoadTraining(rows);
    var ends = new List<TimeSpan>();
    var options = new AutoencoderTrainingOptions
    {
        Epochs = timedEpochs + 1, BatchSize = batchSize, ValidationFraction = 0, Seed = 1, Progress = new Recorder<EpochProgress>(e => ends.Add(e.Elapsed)),
        Distributed = distributed,
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
/// The matrix products of one training step of a dense network of <paramref name="widths"/> at
/// <paramref name="batch"/> rows, as autograd runs them: each layer's forward addmm, each weight's
/// gradient (output gradient transposed times input) and each input's gradient but the first
/// layer's. Median of 20 repeats of 50 steps, milliseconds per step.
/// </summary>
static double DenseStepGemmMilliseconds(int[] widths, int batch)
{
    using var scope = torch.NewDisposeScope();
    var activations = widths.Select(width => torch.rand(batch, width)).ToArray();
    var weights = widths.Skip(1).Select((width, i) => torch.rand(width, widths[i])).ToArray();
    var biases = widths.Skip(1).Select(width => torch.rand(width)).ToArray();
    return MedianSeconds(() =>
    {
        for (var step = 0; step < 50; step++)
        {
            using var products = torch.NewDisposeScope();
            for (var i = 0; i < weights.Length; i++) torch.addmm(biases[i], activations[i], weights[i].t(), 1, 1);
            for (var i = 0; i < weights.Length; i++) torch.mm(activations[i + 1].t(), activations[i]);
            for (var i = 1; i < weights.Length; i++) torch.mm(activations[i + 1], weights[i]);
        }
    }) * 1000 / 50;
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
    if (loaded)
    {
        return;
    }

    // The whole pipeline exported as one graph (ConvertPipelineToOnnx) takes every row in one call.
    using var exported = new MemoryStream();
    ml.Model.ConvertPipelineToOnnx(model, rows.Schema, exported, "Score");
    using var batched = new InferenceSession(exported.ToArray(), new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 });
    using var allRows = OrtValue.CreateTensorValueFromMemory(test.Values.ToArray(), [test.Rows, 784]);
    Report("exported_rows_per_s", test.Rows / MedianSeconds(() =>
    {
        using var outputs = batched.Run(runOptions, [batched.InputNames[0]], [allRows], ["Score.output"]);
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

// Streaming: rows of 32 random features, written once to /tmp in ML.NET's binary format or as CSV,
// read back lazily by LoadFromBinary / LoadFromTextFile; "memory" reads the same rows from the
// binary file through ML.NET's cache instead (the whole set in memory).
static string StreamedPath(long rows, string format) => Path.Combine(Path.GetTempPath(), $"bench-stream-{rows}.{(format == "csv" ? "csv" : "idv")}");

static void StreamedFile(long rows, string format)
{
    var path = StreamedPath(rows, format);
    if (File.Exists(path))
    {
        return;
    }

    var ml = new MLContext(seed: 1);
    var data = ml.Data.LoadFromEnumerable(GeneratedRows(rows));
    using var file = File.Create(path + ".partial");
    if (format == "csv")
    {
        ml.Data.SaveAsText(data, file, separatorChar: ',', headerRow: false, schema: false);
    }
    else
    {
        ml.Data.SaveAsBinary(data, file);
    }

    file.Close();
    File.Move(path + ".partial", path);
}

static IEnumerable<StreamedRow> GeneratedRows(long rows)
{
    var random = new Random(1);
    for (long i = 0; i < rows; i++)
    {
        var features = new float[32];
        for (var j = 0; j < features.Length; j++)
        {
            features[j] = (float)random.NextDouble();
        }

        yield return new StreamedRow { Features = features };
    }
}

static IDataView StreamedRows(MLContext ml, long rows, string source) => source switch
{
    "csv" => ml.Data.LoadFromTextFile(StreamedPath(rows, "csv"), [new TextLoader.Column("Features", DataKind.Single, 0, 31)], separatorChar: ','),
    "binary" => ml.Data.LoadFromBinary(StreamedPath(rows, "binary")),
    "memory" => Cached(ml, ml.Data.LoadFromBinary(StreamedPath(rows, "binary"))),
    _ => throw new ArgumentException($"unknown source '{source}'"),
};

/// <summary>The rows in ML.NET's cache, filled by one pass before anything is timed.</summary>
static IDataView Cached(MLContext ml, IDataView data)
{
    var cached = ml.Data.Cache(data);
    using var cursor = cached.GetRowCursor(cached.Schema);
    while (cursor.MoveNext())
    {
    }

    return cached;
}

/// <summary>One epoch of the dense 32-16-8 embedding over every row (after the check pass): rows/s of the epoch, and peak RSS.</summary>
static void StreamedTraining(long rows, string source)
{
    var ml = new MLContext(seed: 1);
    var data = StreamedRows(ml, rows, source);
    var epochs = new List<TimeSpan>();
    var clock = Stopwatch.StartNew();
    using var model = ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
    {
        OutputColumnName = "Code", InputColumnName = "Features", LatentDimension = 8, HiddenWidths = [16], Epochs = 1, BatchSize = 256,
        EarlyStoppingPatience = 0, Progress = new Recorder<EpochProgress>(e => epochs.Add(e.Elapsed)),
    }).Fit(data);
    Report("rows_per_s", rows / epochs[0].TotalSeconds);
    Report("fit_seconds", clock.Elapsed.TotalSeconds);
    Report("peak_rss_mb", PeakResidentMegabytes());
}

/// <summary>One scoring pass of a dense 32-16-8 embedding (trained on 10,000 rows) over every row: rows/s and peak RSS.</summary>
static void StreamedScoring(long rows, string source)
{
    var ml = new MLContext(seed: 1);
    using var model = ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 8)
        .Fit(ml.Data.LoadFromEnumerable(GeneratedRows(10_000)));
    var data = StreamedRows(ml, rows, source);
    var clock = Stopwatch.StartNew();
    var scored = model.Transform(data);
    using var cursor = scored.GetRowCursor([scored.Schema["Code"]]);
    var code = cursor.GetGetter<VBuffer<float>>(scored.Schema["Code"]);
    VBuffer<float> value = default;
    while (cursor.MoveNext())
    {
        code(ref value);
    }

    Report("rows_per_s", rows / clock.Elapsed.TotalSeconds);
    Report("peak_rss_mb", PeakResidentMegabytes());
}

/// <summary>
/// Fits, uses and disposes a pipeline (ML.NET's min-max normalizer if <paramref name="withNormalizer"/>,
/// then the embedding and the detector) <paramref name="cycles"/> times on 200 rows: resident memory
/// after a tenth of the cycles, after half of them and at the end.
/// </summary>
static void FitDisposeCycles(int cycles, bool withNormalizer)
{
    var ml = new MLContext(seed: 1);
    var data = ml.Data.LoadFromEnumerable(GeneratedRows(200).ToList());
    double early = 0, half = 0;
    for (var cycle = 1; cycle <= cycles; cycle++)
    {
        var model = (withNormalizer ? ml.Transforms.NormalizeMinMax("Features") : (IEstimator<ITransformer>)new EstimatorChain<ITransformer>())
            .Append(ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 4))
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { FeatureColumnName = "Code", Epochs = 2 }))
            .Fit(data);
        ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: true).Sum(p => (double)p.Score);
        (model as IDisposable)?.Dispose();
        foreach (var transformer in model)
        {
            (transformer as IDisposable)?.Dispose();
        }

        if (cycle == cycles / 10)
        {
            early = ResidentMegabytes();
        }

        if (cycle == cycles / 2)
        {
            half = ResidentMegabytes();
        }
    }

    var last = ResidentMegabytes();
    Report("rss_mb_at_tenth", early);
    Report("rss_mb_at_half", half);
    Report("rss_mb_at_end", last);
    Report("rss_growth", last / early);
    Report("rss_growth_last_half", last / half);
}

static double PeakResidentMegabytes() => StatusMegabytes("VmHWM:");

static double ResidentMegabytes() => StatusMegabytes("VmRSS:");

static double StatusMegabytes(string key) =>
    double.Parse(File.ReadLines("/proc/self/status").First(line => line.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

static Image[] Images(FeatureMatrix rows) => Enumerable.Range(0, rows.Rows).Select(i => new Image { Features = rows.Row(i).ToArray() }).ToArray();

sealed class Image
{
    [VectorType(784)]
    public float[] Features { get; set; } = [];
}

sealed class StreamedRow
{
    [VectorType(32)]
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
