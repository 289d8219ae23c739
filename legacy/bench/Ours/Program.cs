// One benchmark case per run, printed as "<name> <value>" lines that bench/run.sh pairs with
// bench/peer.py's. Cases mirror peer.py exactly: data, architecture, batch size, threads.
//   Ours <case> <threads> [rows]
using System.Diagnostics;
using System.Globalization;
using Autoencoders;
using Autoencoders.Data;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var (name, threads) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture));
TorchRuntime.NumberOfThreads = threads;
const int ImageBenchCount = 2000;
var dense = new DenseAutoencoderSpec(784, 32, [256], outputActivation: Activation.Sigmoid);
switch (name)
{
    case "train-dense-b256": Report("rows_per_s", TrainingRowsPerSecond(dense, 60_000, 256, 3)); break;
    case "train-dense-b32": Report("rows_per_s", TrainingRowsPerSecond(dense, 20_000, 32, 3)); break;
    case "train-dense-b128": Report("rows_per_s", TrainingRowsPerSecond(dense, 60_000, 128, 3)); break;
    // One rank of a data-parallel training (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT from the
    // environment): rows/s over all ranks' rows, since each epoch covers every row once.
    case "train-dense-b128-rank":
        Report("rows_per_s", TrainingRowsPerSecond(dense, 60_000, 128, 3, DistributedTrainingOptions.FromEnvironment() ?? throw new ArgumentException("WORLD_SIZE is not set")));
        break;
    case "train-conv-b128": Report("rows_per_s", TrainingRowsPerSecond(new ConvolutionalAutoencoderSpec(1, 28, 28, 16, outputActivation: Activation.Sigmoid), 5_000, 128, 2)); break;
    case "train-vae-b128": Report("rows_per_s", TrainingRowsPerSecond(new DenseAutoencoderSpec(784, 8, [256], outputActivation: Activation.Sigmoid, variational: true), 60_000, 128, 3)); break;
    case "train-dense-b256-peak":
        var rowsPerSecond = TrainingRowsPerSecond(dense, 60_000, 256, 3);
        var peak = SgemmYardstick.Gflops();
        // Forward products per row: 2 x (784x256 + 256x32 + 32x256 + 256x784) flops; backward twice that.
        var gflops = rowsPerSecond * 3 * 2.0 * (784 * 256 + 256 * 32 + 32 * 256 + 256 * 784) / 1e9;
        Report("gflops", gflops);
        Report("sgemm_peak_gflops", peak);
        Report("fraction_of_peak", gflops / peak);
        break;
    case "score-bulk-10k": Report("rows_per_s", BulkScoringRowsPerSecond()); break;
    case "single-row-latency": SingleRowLatency(); break;
    case "onnx-single-row-latency": OnnxSingleRowLatency(); break;
    case "onnx-score-bulk-10k": OnnxBulkScoring(threads); break;
    case "rss-train-dense-b256":
        TrainingRowsPerSecond(dense, 60_000, 256, 1);
        Report("peak_rss_mb", PeakResidentMegabytes());
        break;
    case "rss-score-streamed": Report("peak_rss_mb", StreamedScoringPeakMegabytes(int.Parse(args[2], CultureInfo.InvariantCulture))); break;
    case "streamed-file": StreamedFile(long.Parse(args[2], CultureInfo.InvariantCulture)); break;
    case "streamed-train": StreamedTraining(long.Parse(args[2], CultureInfo.InvariantCulture), args[3] == "memory"); break;
    case "streamed-score": StreamedScoring(long.Parse(args[2], CultureInfo.InvariantCulture), args[3] == "memory"); break;
    case "csv-pipeline-rss": CsvPipeline(long.Parse(args[2], CultureInfo.InvariantCulture)); break;
    case "shuffle-pool-quality": Report("test_mse", ShufflePoolTestError(int.Parse(args[2], CultureInfo.InvariantCulture))); break;
    case "images-folder": WriteImageFolder(); break;
    case "images-score-streamed": Report("images_per_s", StreamedImageScoring()); break;
    default: throw new ArgumentException($"unknown case '{name}'");
}

static void Report(string key, double value) => Console.WriteLine($"{key} {value:G6}");

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

// The autoencoder trained on 20,000 Fashion-MNIST images sorted by class (the order that hurts a
// partial shuffle most), streamed from a view that cannot shuffle itself, with a shuffle pool of
// poolSize rows; returns its mean reconstruction error on 10,000 test images.
static double ShufflePoolTestError(int poolSize)
{
    var (images, labels) = FashionMnist.LoadTraining(20_000);
    var sorted = Enumerable.Range(0, images.Rows).OrderBy(i => labels[i]).Select(i => new Image { Features = images.Row(i).ToArray() }).ToList();
    var ml = new MLContext(seed: 1);
    using var model = ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
    {
        OutputColumnName = "Code", InputColumnName = "Features", LatentDimension = 32, HiddenWidths = [256],
        OutputActivation = Activation.Sigmoid, Epochs = 5, EarlyStoppingPatience = 0, ShufflePoolSize = poolSize, Seed = 1,
    }).Fit(ml.Data.LoadFromEnumerable(sorted));
    var (test, _) = FashionMnist.LoadTest(10_000);
    return model.Model.ComputeReconstructionErrors(test).Average(error => (double)error);
}

static AutoencoderModel DenseModel() =>
    AutoencoderModel.Create(new DenseAutoencoderSpec(784, 32, [256], outputActivation: Activation.Sigmoid).ToArchitecture(), seed: 1);

static double BulkScoringRowsPerSecond()
{
    var (test, _) = FashionMnist.LoadTest();
    using var model = DenseModel();
    return test.Rows / MedianSeconds(() => model.ComputeReconstructionErrors(test));
}

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

static void SingleRowLatency()
{
    var (ml, detector, test) = Detector(2_000);
    using var _ = detector;
    var rows = Images(test);
    var engine = ml.Model.CreatePredictionEngine<Image, Prediction>(detector);
    ReportLatencies("", i => engine.Predict(rows[i % rows.Length]));
}

static Image[] Images(FeatureMatrix rows) => Enumerable.Range(0, rows.Rows).Select(i => new Image { Features = rows.Row(i).ToArray() }).ToArray();

/// <summary>The dense 784-256-32 detector, trained one epoch on the first <paramref name="rows"/> test images.</summary>
static (MLContext Ml, AnomalyPredictionTransformer Detector, FeatureMatrix Rows) Detector(int rows)
{
    var (test, _) = FashionMnist.LoadTest(rows);
    var ml = new MLContext(seed: 1);
    var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
    {
        FeatureColumnName = "Features", LatentDimension = 32, HiddenWidths = [256], OutputActivation = Activation.Sigmoid, Epochs = 1,
        Score = AnomalyScore.ReconstructionError,
    }).Fit(ml.Data.LoadFromEnumerable(Images(test)));
    return (ml, detector, test);
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

// Against ONNX Runtime on the exported detector (the dense 784-256-32 model): both sides print
// ours_<key> and onnxruntime_<key>. ONNX Runtime is called through its C API (OnnxRuntimeSession),
// so no binding's overhead is counted against it.
static OnnxRuntimeSession Exported(MLContext ml, AnomalyPredictionTransformer detector, FeatureMatrix rows, int threads)
{
    using var onnx = new MemoryStream();
    ml.Model.ConvertToOnnx(detector, ml.Data.LoadFromEnumerable(Images(rows)), onnx);
    return new OnnxRuntimeSession(onnx.ToArray(), threads);
}

static void OnnxSingleRowLatency()
{
    var (ml, detector, test) = Detector(2_000);
    using var _ = detector;
    using var session = Exported(ml, detector, test, threads: 1);
    var rows = Images(test);
    var engine = ml.Model.CreatePredictionEngine<Image, Prediction>(detector);
    using var call = session.Prepare("Features", [1, 784], ["Score", "PredictedLabel"]);
    var score = new float[1];
    ReportLatencies("ours_", i => engine.Predict(rows[i % rows.Length]));
    ReportLatencies("onnxruntime_", i => call.Run(rows[i % rows.Length].Features, score));
}

static void OnnxBulkScoring(int threads)
{
    var (ml, detector, test) = Detector(10_000);
    using var _ = detector;
    using var session = Exported(ml, detector, test, threads);
    using var call = session.Prepare("Features", [test.Rows, 784], ["Score", "PredictedLabel"]);
    var input = test.Values.ToArray();
    var scores = new float[test.Rows];
    Report("ours_rows_per_s", test.Rows / MedianSeconds(() => detector.Model.ComputeReconstructionErrors(test)));
    Report("onnxruntime_rows_per_s", test.Rows / MedianSeconds(() => call.Run(input, scores)));
}

static double StreamedScoringPeakMegabytes(int rows)
{
    const int width = 32, chunkRows = 8_192;
    var path = Path.Combine(Path.GetTempPath(), $"bench-rows-{rows}.f32");
    WriteRandomRows(path, rows, width);
    using var model = AutoencoderModel.Create(new DenseAutoencoderSpec(width, 8, [16]).ToArchitecture(), seed: 1);
    var buffer = new float[chunkRows * width];
    var scores = new float[chunkRows];
    double total = 0;
    using (var file = File.OpenRead(path))
    {
        int read;
        while ((read = file.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan()))) > 0)
        {
            var count = read / (width * sizeof(float));
            model.ComputeReconstructionErrors(buffer.AsSpan(0, count * width), scores.AsSpan(0, count));
            for (var i = 0; i < count; i++) total += scores[i];
        }
    }

    Console.Error.WriteLine($"mean score {total / rows:G4}");
    return PeakResidentMegabytes();
}

// The pipeline's streaming path: rows of 32 features in this library's binary format, read by
// LoadFromBinary; "memory" runs the same work on the rows cached in memory first.
static string StreamedFilePath(long rows) => Path.Combine(Path.GetTempPath(), $"bench-stream-{rows}.bin");

static void StreamedFile(long rows)
{
    var path = StreamedFilePath(rows);
    if (File.Exists(path)) return;
    var random = new Random(1);
    var ml = new MLContext(seed: 1);
    var generated = LongRange(rows).Select(_ => new Row32 { Features = Enumerable.Range(0, 32).Select(_ => (float)random.NextDouble()).ToArray() });
    using var file = File.Create(path + ".tmp");
    ml.Data.SaveAsBinary(ml.Data.LoadFromEnumerable(generated), file);
    file.Close();
    File.Move(path + ".tmp", path);
}

static IEnumerable<long> LongRange(long count)
{
    for (long i = 0; i < count; i++) yield return i;
}

static IDataView StreamedRows(MLContext ml, long rows, bool memory)
{
    var data = ml.Data.LoadFromBinary(StreamedFilePath(rows));
    if (!memory) return data;
    var cached = ml.Data.Cache(data);
    cached.GetColumn<float[]>("Features").Count();
    return cached;
}

static void StreamedTraining(long rows, bool memory)
{
    var ml = new MLContext(seed: 1);
    var data = StreamedRows(ml, rows, memory);
    var epochs = new List<EpochProgress>();
    using var model = ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
    {
        OutputColumnName = "Code", InputColumnName = "Features", LatentDimension = 8, HiddenWidths = [16], Epochs = 1, ValidationFraction = 0,
        Progress = new Recorder<EpochProgress>(epochs.Add),
    }).Fit(data);
    Report("rows_per_s", rows / epochs.Single().Elapsed.TotalSeconds);
    Report("peak_rss_mb", PeakResidentMegabytes());
}

static void StreamedScoring(long rows, bool memory)
{
    var ml = new MLContext(seed: 1);
    var data = StreamedRows(ml, rows, memory);
    using var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
    {
        LatentDimension = 8, HiddenWidths = [16], Epochs = 1, ValidationFraction = 0, Threshold = 1f, BatchSize = 256, Score = AnomalyScore.ReconstructionError,
    }).Fit(ml.Data.TakeRows(data, 10_000));
    var clock = Stopwatch.StartNew();
    double total = 0;
    foreach (var score in detector.Transform(data).GetColumn<float>("Score")) total += score;
    Report("rows_per_s", rows / clock.Elapsed.TotalSeconds);
    Report("peak_rss_mb", PeakResidentMegabytes());
    Console.Error.WriteLine($"mean score {total / rows:G4}");
}

// Load, normalize, score and evaluate a CSV of about the given size in bytes (32 features and a
// label, written once), as a user's program would; reports the peak RSS against the file's size.
static void CsvPipeline(long bytes)
{
    var path = Path.Combine(Path.GetTempPath(), $"bench-pipeline-{bytes}.csv");
    var ml = new MLContext(seed: 1);
    if (!File.Exists(path))
    {
        var random = new Random(1);
        var rows = bytes / 340;
        var generated = LongRange(rows).Select(i => new LabelledRow32
        {
            Features = Enumerable.Range(0, 32).Select(_ => (float)random.NextDouble() + (i % 50 == 0 ? 1f : 0f)).ToArray(), Label = i % 50 == 0,
        });
        using (var file = File.Create(path + ".tmp")) ml.Data.SaveAsText(ml.Data.LoadFromEnumerable(generated), file, separatorChar: ',');
        File.Move(path + ".tmp", path);
    }

    var data = ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Features", DataKind.Single, 0, 31), new TextLoader.Column("Label", DataKind.Boolean, 32)],
        separatorChar: ',', hasHeader: true);
    var clock = Stopwatch.StartNew();
    var normalizer = ml.Transforms.NormalizeMinMax("Features", fixZero: false).Fit(data);
    var normalized = normalizer.Transform(data);
    using var detector = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
    {
        LatentDimension = 8, HiddenWidths = [16], Epochs = 2, Threshold = 0.05f, BatchSize = 256, ValidationFraction = 0.1f, Score = AnomalyScore.ReconstructionError,
    }).Fit(ml.Data.TakeRows(normalized, 20_000));
    var metrics = ml.AnomalyDetection.Evaluate(detector.Transform(normalized));
    Console.Error.WriteLine($"AUROC {metrics.AreaUnderRocCurve:F4} in {clock.Elapsed.TotalSeconds:F0} s");
    Report("file_mb", new FileInfo(path).Length / 1048576.0);
    Report("peak_rss_mb", PeakResidentMegabytes());
}

static void WriteRandomRows(string path, int rows, int width)
{
    if (File.Exists(path) && new FileInfo(path).Length == (long)rows * width * sizeof(float)) return;
    var random = new Random(1);
    using var file = File.Create(path);
    var row = new float[width];
    for (var i = 0; i < rows; i++)
    {
        for (var j = 0; j < width; j++) row[j] = (float)random.NextDouble();
        file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
    }
}

static double PeakResidentMegabytes() =>
    File.ReadLines("/proc/self/status").Where(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

// A folder of 2,000 grey PNG files of 128 x 128: Fashion-MNIST test images enlarged, written once
// for both sides of images-score-streamed.
static void WriteImageFolder()
{
    var folder = ImageBenchFolder();
    if (Directory.Exists(folder) && Directory.GetFiles(folder).Length == ImageBenchCount)
    {
        return;
    }

    Directory.CreateDirectory(folder);
    var (images, _) = FashionMnist.LoadTest(ImageBenchCount);
    var (small, large) = (new ImageLayout(28, 28, 1, 8), new ImageLayout(128, 128, 1, 8));
    var enlarged = new byte[128 * 128];
    for (var i = 0; i < ImageBenchCount; i++)
    {
        var pixels = images.Row(i).ToArray().Select(value => (byte)Math.Round(value * 255)).ToArray();
        ImageProcessing.Resize(pixels, small, new PixelRectangle(0, 0, 28, 28), enlarged, large, new PixelRectangle(0, 0, 128, 128));
        ImageFile.Write(Path.Combine(folder, $"{i:D4}.png"), enlarged, large);
    }
}

// Load + resize to 64 x 64 + score + anomaly map, streamed from the PNG files a block at a time,
// with the convolutional preset for 64 x 64 (latent 64): images/s over the 2,000 files, median of 3
// passes. The detector is trained for one epoch first (not timed); speed does not depend on weights.
static double StreamedImageScoring()
{
    var ml = new MLContext(seed: 1);
    var rows = ml.Data.LoadFromImageFolder(ImageBenchFolder(), useFolderNameAsLabel: false);
    var shape = new ImageShape(1, 64, 64);
    var pipeline = ml.Transforms.LoadImages("Image", ImageBenchFolder(), "ImagePath")
        .Append(ml.Transforms.ResizeImages("Image", 64, 64))
        .Append(ml.Transforms.ConvertToGrayscale("Image"))
        .Append(ml.Transforms.ExtractPixels("Features", "Image", Autoencoders.Transforms.Image.ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1 / 255f))
        .Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            ImageShape = shape, Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(64, 64), LatentDimension = 64, Epochs = 1,
            ValidationFraction = 0, Score = AnomalyScore.ReconstructionError, FeatureContributionsColumnName = "Errors", OutputActivation = Activation.Sigmoid,
        }))
        .Append(ml.Transforms.AnomalyMap("Map", "Errors", shape, smoothingSigma: 1));
    using var model = pipeline.Fit(ml.Data.TakeRows(rows, 256));
    var seconds = Enumerable.Range(0, 3).Select(_ =>
    {
        var clock = Stopwatch.StartNew();
        var count = ml.Data.CreateEnumerable<ScoredImage>(model.Transform(rows), reuseRowObject: true).Count();
        if (count != ImageBenchCount) throw new InvalidOperationException($"scored {count} images");
        return clock.Elapsed.TotalSeconds;
    }).Order().ToArray();
    return ImageBenchCount / seconds[1];
}

static string ImageBenchFolder() => Path.Combine(Path.GetTempPath(), "bench-images-128");

internal sealed class Recorder<T>(Action<T> record) : IProgress<T>
{
    public void Report(T value) => record(value);
}

internal sealed class Image
{
    [VectorType(784)]
    public float[] Features { get; set; } = [];
}

internal sealed class Row32
{
    [VectorType(32)]
    public float[] Features { get; set; } = [];
}

internal sealed class LabelledRow32
{
    [VectorType(32)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

internal sealed class ScoredImage
{
    public float Score { get; set; }

    public float[] Map { get; set; } = [];
}

internal sealed class Prediction
{
    public float Score { get; set; }
}
