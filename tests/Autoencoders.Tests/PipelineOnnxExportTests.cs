using Autoencoders.Trainers;
using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Transforms;

namespace Autoencoders.Tests;

/// <summary>
/// <c>ConvertPipelineToOnnx</c>: the samples' pipelines, ML.NET's transforms and trainers around our
/// transformers, exported whole; ONNX Runtime scores the file as the ML.NET chain scores the rows.
/// </summary>
public sealed class PipelineOnnxExportTests
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void TheTabularDetectorWithMissingValuesAndNormalizationExportsWhole()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(2);
        var rows = TabularRows.Make(380, 20, seed: 3);
        foreach (var row in rows.Where(_ => random.Next(10) == 0))
        {
            row.Features[random.Next(TabularRows.Width)] = float.NaN;
        }

        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions { Epochs = 3, Seed = 1 }))
            .Fit(data);

        var outputs = ScoreBoth(ml, model, data, "Features", "Score", "PredictedLabel");
        Assert.Equal(["Features"], outputs.Inputs);
        AssertClose(outputs.MlNet.Floats("Features"), outputs.Onnx.Floats("Features.output"));
        AssertClose(outputs.MlNet.Floats("Score"), outputs.Onnx.Floats("Score.output"));
        Assert.Equal(outputs.MlNet.Booleans("PredictedLabel"), outputs.Onnx.Booleans("PredictedLabel.output"));
        Assert.Contains(true, outputs.Onnx.Booleans("PredictedLabel.output"));
    }

    public static TheoryData<string> Classifiers => ["one-versus-all FastTree", "L-BFGS maximum entropy", "LightGBM beside the pixels"];

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void AnEmbeddingWithAClassifierBehindItExportsWhole(string classifier)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ImageRows.Read(300));
        var embedding = ml.Transforms.AutoencoderEmbed(new AutoencoderTransformOptions
        {
            OutputColumnName = "Embedding", InputColumnName = "Features", LatentDimension = 8, Epochs = 2, Seed = 1,
        });
        IEstimator<ITransformer> trainer = classifier switch
        {
            "L-BFGS maximum entropy" => ml.Transforms.NormalizeMeanVariance("Embedding").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Embedding")),
            "LightGBM beside the pixels" => ml.Transforms.Concatenate("Combined", "Embedding", "Features")
                .Append(ml.MulticlassClassification.Trainers.LightGbm(featureColumnName: "Combined", numberOfLeaves: 4, numberOfIterations: 10)),
            _ => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(featureColumnName: "Embedding", numberOfLeaves: 4, numberOfTrees: 10)),
        };
        var model = embedding.Append(ml.Transforms.Conversion.MapValueToKey("Label")).Append(trainer).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(data);

        var outputs = ScoreBoth(ml, model, data, "Embedding", "Score", "PredictedLabel");
        Assert.Equal(["Features"], outputs.Inputs);
        AssertClose(outputs.MlNet.Floats("Embedding"), outputs.Onnx.Floats("Embedding.output"));
        AssertClose(outputs.MlNet.Floats("Score"), outputs.Onnx.Floats("Score.output"));
        Assert.Equal(outputs.MlNet.Column<uint>("PredictedLabel"), outputs.Onnx.Column<uint>("PredictedLabel.output"));
    }

    [Fact]
    public void AConvolutionalImageDetectorWithSmoothedErrorsExportsWholeAndSoDoesItsSavedModel()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ImageRows.Read(200));
        var model = ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            ImageShape = new ImageShape(1, 28, 28), Convolutions = [new(4, 3, 2, 1), new(8, 3, 2, 1)], LatentDimension = 8, Epochs = 1, Seed = 1,
            ReconstructionColumnName = "Reconstruction",
        }).Fit(data);

        var outputs = ScoreBoth(ml, model, data, "Reconstruction", "Score");
        AssertClose(outputs.MlNet.Floats("Reconstruction"), outputs.Onnx.Floats("Reconstruction.output"));
        AssertClose(outputs.MlNet.Floats("Score"), outputs.Onnx.Floats("Score.output"));

        var file = Path.Combine(Path.GetTempPath(), $"autoencoder-export-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, file);
            var loaded = ml.Model.Load(file, out var schema);
            using var exported = new MemoryStream();
            ml.Model.ConvertPipelineToOnnx(loaded, schema, exported, "Score");
            AssertClose(outputs.MlNet.Floats("Score"), Run(exported.ToArray(), data).Floats("Score.output"));
            (loaded as IDisposable)?.Dispose();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AnInPlaceDenoiserAnEmbeddingAndADecoderOfItsCodesExportWhole()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(300, 0, seed: 4));
        var cleaned = ml.Transforms.NormalizeMinMax("Features").Append(ml.Transforms.AutoencoderDenoise("Features", epochs: 2)).Fit(data);
        var embedding = ml.Transforms.AutoencoderEmbed("Code", "Features", latentDimension: 3, epochs: 2).Fit(cleaned.Transform(data));
        using var decoder = ml.Transforms.AutoencoderDecode("Decoded", "Code", embedding.Model).Fit(embedding.Transform(cleaned.Transform(data)));
        var model = cleaned.Append(embedding).Append(decoder);

        // The denoiser writes the column it reads, which its graph must name otherwise (CopyColumns puts it back).
        var outputs = ScoreBoth(ml, model, data, "Features", "Code", "Decoded");
        AssertClose(outputs.MlNet.Floats("Features"), outputs.Onnx.Floats("Features.output"));
        AssertClose(outputs.MlNet.Floats("Code"), outputs.Onnx.Floats("Code.output"));
        AssertClose(outputs.MlNet.Floats("Decoded"), outputs.Onnx.Floats("Decoded.output"));
    }

    [Fact]
    public void AStepWithNoOnnxFormIsRefusedByNameAndNothingIsWritten()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(200, 0, seed: 1));
        var model = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.AutoencoderEmbed("Code", "Features", epochs: 1))
            .Append(ml.Transforms.ApproximatedKernelMap("Kernel", "Code", rank: 16))
            .Fit(data);

        using var stream = new MemoryStream();
        var refusal = Assert.Throws<NotSupportedException>(() => ml.Model.ConvertPipelineToOnnx(model, data.Schema, stream));
        Assert.Contains("ApproximatedKernelTransformer writing 'Kernel'", refusal.Message);
        Assert.Equal(0, stream.Length);

        var missing = Assert.Throws<ArgumentException>(() => ml.Model.ConvertPipelineToOnnx(model, data.Schema, stream, "Codes"));
        Assert.Contains("'Codes'", missing.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void AGraphOfAnotherOperatorSetIsRefusedNamingTheVersions()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TabularRows.Make(200, 0, seed: 1));
        var model = ml.Transforms.AutoencoderEmbed("Code", "Features", epochs: 1).Fit(data);
        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);

        // The saved graph made to declare opset 17, as graphs saved before opset 12 was chosen do.
        using (var zip = new System.IO.Compression.ZipArchive(saved, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(entry => entry.Name == "OnnxModel");
            Autoencoders.Trainers.Onnx.Protobuf.ModelProto graph;
            using (var reader = new BinaryReader(entry.Open()))
            {
                graph = Autoencoders.Trainers.Onnx.Protobuf.ModelProto.Parser.ParseFrom(reader.ReadBytes(reader.ReadInt32()));
            }

            graph.OpsetImport.Single(set => set.Domain == "").Version = 17;
            var bytes = Google.Protobuf.MessageExtensions.ToByteArray(graph);
            entry.Delete();
            using var writer = new BinaryWriter(zip.CreateEntry(entry.FullName).Open());
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }

        saved.Position = 0;
        var loaded = ml.Model.Load(saved, out var schema);
        using var stream = new MemoryStream();
        var refusal = Assert.Throws<NotSupportedException>(() => ml.Model.ConvertPipelineToOnnx(loaded, schema, stream));
        Assert.Contains("step 1 of 1, OnnxTransformer writing 'Code'", refusal.Message);
        Assert.Contains("version 17 of the operator set 'ai.onnx'", refusal.Message);
        Assert.Contains("version 12", refusal.Message);
        Assert.Equal(0, stream.Length);
        (loaded as IDisposable)?.Dispose();
    }

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var row = 0; row < expected.Length; row++)
        {
            Assert.Equal(expected[row].Length, actual[row].Length);
            for (var i = 0; i < expected[row].Length; i++)
            {
                var tolerance = Tolerance * Math.Max(1, Math.Abs(expected[row][i]));
                Assert.True(Math.Abs(expected[row][i] - actual[row][i]) <= tolerance, $"row {row}, value {i}: ML.NET {expected[row][i]}, ONNX Runtime {actual[row][i]}");
            }
        }
    }

    /// <summary>The chain's columns as ML.NET computes them, and the exported file's outputs as ONNX Runtime does, with the file's inputs.</summary>
    private static (Columns MlNet, Columns Onnx, string[] Inputs) ScoreBoth(MLContext ml, ITransformer model, IDataView data, params string[] columns)
    {
        using var stream = new MemoryStream();
        ml.Model.ConvertPipelineToOnnx(model, data.Schema, stream, columns);
        AssertOnnxCheckerAccepts(stream.ToArray());
        var scored = model.Transform(data);
        var mlNet = new Columns(columns.ToDictionary(column => column, column => Read(scored, column)));
        var onnx = Run(stream.ToArray(), data);
        using var session = new InferenceSession(stream.ToArray());
        Assert.Equal(columns.Select(column => column + ".output"), session.OutputMetadata.Keys);
        return (mlNet, onnx, session.InputMetadata.Keys.ToArray());
    }

    /// <summary>
    /// ONNX's own checker (Debian's python3-onnx, installed by ./build.sh test) accepts the model: nodes in
    /// order, every value defined, operators of the declared sets. Not its full check of types and
    /// shapes, which ML.NET's own exports of tree ensembles fail (ONNX 1.12 infers no type for them).
    /// </summary>
    private static void AssertOnnxCheckerAccepts(byte[] model)
    {
        var file = Path.Combine(Path.GetTempPath(), $"autoencoder-pipeline-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(file, model);
        try
        {
            var (exit, stdout, stderr) = ExternalCommand.Run("/usr/bin/python3",
                ["-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]))", file], TimeSpan.FromMinutes(1));
            Assert.True(exit == 0, "ONNX's checker refused the exported model: " + stdout + stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>ONNX Runtime's outputs for all of <paramref name="data"/>'s rows in one batch, each input fed from the column of its name.</summary>
    private static Columns Run(byte[] model, IDataView data)
    {
        using var session = new InferenceSession(model);
        var inputs = session.InputMetadata.Select(input =>
        {
            var rows = data.GetColumn<float[]>(input.Key).ToArray();
            return NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(rows.SelectMany(row => row).ToArray(), [rows.Length, rows[0].Length]));
        }).ToList();
        using var results = session.Run(inputs);
        // Copied out before the results, which own the tensors' memory, are disposed.
        return new Columns(results.ToDictionary(result => result.Name, result => result.Value switch
        {
            Tensor<float> tensor => Columns.Rows(tensor),
            Tensor<bool> tensor => tensor.ToArray(),
            Tensor<uint> tensor => tensor.ToArray(),
            var other => (object)$"a {other.GetType().Name}",
        }));
    }

    private static object Read(IDataView scored, string column) => scored.Schema[column].Type switch
    {
        VectorDataViewType => scored.GetColumn<float[]>(column).ToArray(),
        BooleanDataViewType => scored.GetColumn<bool>(column).ToArray(),
        KeyDataViewType or NumberDataViewType when scored.Schema[column].Type.RawType == typeof(uint) => scored.GetColumn<uint>(column).ToArray(),
        _ => scored.GetColumn<float>(column).Select(value => new[] { value }).ToArray(),
    };

    /// <summary>Columns of rows, from ML.NET or from ONNX Runtime (tensors of [rows, width] cut into rows).</summary>
    private sealed class Columns(Dictionary<string, object> values)
    {
        public float[][] Floats(string name) => values[name] switch
        {
            float[][] rows => rows,
            var other => throw new InvalidOperationException($"{name} is {other.GetType().Name}"),
        };

        public bool[] Booleans(string name) => values[name] switch
        {
            bool[] rows => rows,
            var other => throw new InvalidOperationException($"{name} is {other.GetType().Name}"),
        };

        public T[] Column<T>(string name) => values[name] switch
        {
            T[] rows => rows,
            var other => throw new InvalidOperationException($"{name} is {other.GetType().Name}"),
        };

        public static float[][] Rows(Tensor<float> tensor)
        {
            var width = (int)(tensor.Length / tensor.Dimensions[0]);
            var flat = tensor.ToArray();
            return Enumerable.Range(0, tensor.Dimensions[0]).Select(row => flat.AsSpan(row * width, width).ToArray()).ToArray();
        }
    }
}
