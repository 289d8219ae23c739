using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Onnx;
using Autoencoders.Onnx.Protobuf;
using Autoencoders.Trainers;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>
/// Exported pipelines pass ONNX's own checker (Debian's python3-onnx, with shape inference) and
/// give, in the real ONNX Runtime, what our transformers give on the same rows. Tolerance: float
/// rounding only, |ours - theirs| &lt;= 1e-4 x (1 + |ours|) (the graphs sum in another order, and
/// ONNX Runtime's kernels differ from libtorch's in their last bits).
/// </summary>
public class OnnxExportTests : IDisposable
{
    private const float Tolerance = 1e-4f;

    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AnAnomalyPipelineScoresAlikeInOnnxRuntime()
    {
        var data = TestData.Tabular(_ml, 300);
        var pipeline = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings")
            .Append(_ml.Transforms.NormalizeMinMax("Features", fixZero: false))
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 2, Epochs = 3, FeatureContributionsColumnName = "Contributions", BatchNormalization = true, DropoutRate = 0.1f,
            }));
        var model = pipeline.Fit(data);

        var onnx = Export(model, data);
        var outputs = ScoreInOnnxRuntime(onnx, data, ["Age", "Income", "Readings"], ["Score", "PredictedLabel", "Contributions", "Features"]);

        var scored = model.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        AssertClose(scores, (float[])outputs["Score"].Values);
        AssertClose(scored.GetColumn<float[]>("Contributions").SelectMany(row => row).ToArray(), (float[])outputs["Contributions"].Values);
        AssertClose(scored.GetColumn<float[]>("Features").SelectMany(row => row).ToArray(), (float[])outputs["Features"].Values);
        AssertSameLabelsAwayFromTheThreshold(model, scored, (bool[])outputs["PredictedLabel"].Values);
        Assert.Equal([300L, 1L], outputs["Score"].Shape);
    }

    /// <summary>The detector's labels and ONNX Runtime's agree on every row whose score is not within float rounding of the threshold.</summary>
    private static void AssertSameLabelsAwayFromTheThreshold(ITransformer model, IDataView scored, bool[] theirs)
    {
        var threshold = ((TransformerChain<AnomalyPredictionTransformer>)model).LastTransformer.Threshold;
        var scores = scored.GetColumn<float>("Score").ToArray();
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Contains(true, labels);
        Assert.All(Enumerable.Range(0, labels.Length).Where(i => Math.Abs(scores[i] - threshold) > Tolerance * (1 + threshold)),
            i => Assert.Equal(labels[i], theirs[i]));
    }

    [Fact]
    public void TheLikelihoodScoreExportsWithItsWeightedContributionsAndTheReconstruction()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Fit(TestData.Tabular(_ml, 300)).Transform(TestData.Tabular(_ml, 300));
        var model = _ml.Transforms.NormalizeMinMax("Features", fixZero: false)
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 3, Epochs = 3, Score = AnomalyScore.NegativeLogLikelihood, FeatureContributionsColumnName = "Contributions",
                ReconstructionColumnName = "Reconstruction",
            }))
            .Fit(data);

        var outputs = ScoreInOnnxRuntime(Export(model, data), data, ["Features"], ["Score", "PredictedLabel", "Contributions", "Reconstruction"]);
        var scored = model.Transform(data);
        AssertClose(scored.GetColumn<float>("Score").ToArray(), (float[])outputs["Score"].Values);
        AssertClose(scored.GetColumn<float[]>("Contributions").SelectMany(row => row).ToArray(), (float[])outputs["Contributions"].Values);
        var reconstructions = scored.GetColumn<float[]>("Reconstruction").SelectMany(row => row).ToArray();
        AssertClose(reconstructions, (float[])outputs["Reconstruction"].Values);
        var detector = ((TransformerChain<AnomalyPredictionTransformer>)model).LastTransformer;
        AssertClose(detector.Model.Reconstruct(FeatureMatrix.FromRows(model.Transform(data).GetColumn<float[]>("Features").ToList())).Array, reconstructions);
        AssertSameLabelsAwayFromTheThreshold(model, scored, (bool[])outputs["PredictedLabel"].Values);
    }

    [Fact]
    public void TheSmoothedErrorScoreExportsAsADepthwiseGaussianConvolution()
    {
        var random = new Random(5);
        var shape = new ImageShape(2, 6, 7);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(_ => new SmallImage
        {
            Features = Enumerable.Range(0, shape.Size).Select(i => (1 + i % 7) / 8f * random.NextSingle()).ToArray(),
        }).ToList());
        var model = _ml.Transforms.NormalizeMinMax("Features", fixZero: false)
            .Append(_ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
            {
                LatentDimension = 4, Epochs = 3, ImageShape = shape, Score = AnomalyScore.SmoothedReconstructionError, ErrorSmoothingSigma = 0.8f,
                FeatureContributionsColumnName = "Contributions",
            }))
            .Fit(data);

        var outputs = ScoreInOnnxRuntime(Export(model, data), data, ["Features"], ["Score", "PredictedLabel", "Contributions"]);
        var scored = model.Transform(data);
        AssertClose(scored.GetColumn<float>("Score").ToArray(), (float[])outputs["Score"].Values);
        AssertClose(scored.GetColumn<float[]>("Contributions").SelectMany(row => row).ToArray(), (float[])outputs["Contributions"].Values);
        AssertSameLabelsAwayFromTheThreshold(model, scored, (bool[])outputs["PredictedLabel"].Values);
    }

    private sealed class SmallImage
    {
        [VectorType(84)]
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void ThePcaDetectorExportsItsScoreAndDecision()
    {
        var data = TestData.Tabular(_ml, 300);
        var model = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings")
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(_ml.AnomalyDetection.Trainers.RandomizedPca(rank: 1, oversampling: 1))
            .Fit(data);

        var outputs = ScoreInOnnxRuntime(Export(model, data), data, ["Age", "Income", "Readings"], ["Score", "PredictedLabel"]);
        var scored = model.Transform(data);
        var scores = scored.GetColumn<float>("Score").ToArray();
        AssertClose(scores, (float[])outputs["Score"].Values);
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Contains(true, labels);
        Assert.Contains(false, labels);
        Assert.All(Enumerable.Range(0, labels.Length).Where(i => Math.Abs(scores[i] - 0.5f) > Tolerance), i => Assert.Equal(labels[i], ((bool[])outputs["PredictedLabel"].Values)[i]));
    }

    [Fact]
    public void DenseConvolutionalAndVariationalTransformsExportTheirCodesAndReconstructions()
    {
        var images = TestData.Images(_ml, 200);
        var cases = new (string Name, AutoencoderTransformOptions Options)[]
        {
            ("dense", new() { LatentDimension = 8, HiddenWidths = [32], Activation = Activation.LeakyReLU, Epochs = 1 }),
            ("convolutional", new() { ImageShape = new ImageShape(1, 28, 28), Convolutions = ConvolutionalAutoencoderSpec.DefaultConvolutions, MaxPooling = true, LatentDimension = 8, Epochs = 1 }),
            ("variational", new() { Variational = true, LatentDimension = 4, HiddenWidths = [64], Activation = Activation.ELU, Epochs = 1 }),
        };
        foreach (var (name, options) in cases)
        {
            options.InputColumnName = "Features";
            options.OutputColumnName = "Code";
            var embed = _ml.Transforms.AutoencoderEmbed(options).Fit(images);
            options.OutputColumnName = "Reconstruction";
            var reconstruct = _ml.Transforms.AutoencoderReconstruct(options).Fit(images);
            var chain = new TransformerChain<AutoencoderTransformer>(embed, reconstruct);

            var outputs = ScoreInOnnxRuntime(Export(chain, images), images, ["Features"], ["Code", "Reconstruction"]);
            var ours = chain.Transform(images);
            AssertClose(ours.GetColumn<float[]>("Code").SelectMany(row => row).ToArray(), (float[])outputs["Code"].Values, name);
            AssertClose(ours.GetColumn<float[]>("Reconstruction").SelectMany(row => row).ToArray(), (float[])outputs["Reconstruction"].Values, name);
        }
    }

    [Fact]
    public void TheModelStatesItsVersionsProducerAndRowDimension()
    {
        var data = TestData.Tabular(_ml, 100);
        var model = _ml.Transforms.Concatenate("Features", "Age", "Income").Append(_ml.Transforms.NormalizeMeanVariance("Features")).Fit(data);
        var onnx = ModelProto.Parser.ParseFrom(Export(model, data));

        Assert.Equal(OnnxExporter.IrVersion, onnx.IrVersion);
        Assert.Equal("Autoencoders", onnx.ProducerName);
        Assert.False(string.IsNullOrEmpty(onnx.ProducerVersion));
        Assert.Equal([("", OnnxExporter.OperatorSetVersion)], onnx.OpsetImport.Select(set => (set.Domain, set.Version)));
        Assert.Equal(["Age", "Income"], onnx.Graph.Input.Select(input => input.Name));
        Assert.Equal(["Features"], onnx.Graph.Output.Select(output => output.Name));
        var shape = onnx.Graph.Output[0].Type.TensorType.Shape.Dim;
        Assert.Equal((OnnxExportContext.RowDimension, 2L), (shape[0].DimParam, shape[1].DimValue));
    }

    [Fact]
    public void AColumnWrittenOverAnInputIsOutputAsDotOutputAndANormalCdfExports()
    {
        var data = _ml.Transforms.Concatenate("Features", "Age", "Income").Fit(TestData.Tabular(_ml, 200)).Transform(TestData.Tabular(_ml, 200));
        var model = _ml.Transforms.NormalizeLogMeanVariance("Features", useCdf: true).Fit(data);

        var onnx = Export(model, data);
        Assert.Equal(["Features.output"], ModelProto.Parser.ParseFrom(onnx).Graph.Output.Select(output => output.Name));
        var outputs = ScoreInOnnxRuntime(onnx, data, ["Features"], ["Features.output"]);
        AssertClose(model.Transform(data).GetColumn<float[]>("Features").SelectMany(row => row).ToArray(), (float[])outputs["Features.output"].Values);
    }

    [Fact]
    public void MissingValueTransformsAndPrincipalComponentsExport()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(i => new GappyRow
        {
            Age = i % 7 == 0 ? float.NaN : 20 + 50 * random.NextSingle(),
            Readings = [random.NextSingle(), i % 5 == 0 ? float.NaN : random.NextSingle(), 2 * random.NextSingle()],
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.Transforms.IndicateMissingValues("AgeMissing", "Age")
            .Append(_ml.Transforms.ReplaceMissingValues("Age", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(_ml.Transforms.ReplaceMissingValues("Filled", "Readings", MissingValueReplacingEstimator.ReplacementMode.Maximum))
            .Append(_ml.Transforms.Concatenate("Features", "Age", "Filled"))
            .Append(_ml.Transforms.ProjectToPrincipalComponents("Projected", "Features", rank: 2))
            .Fit(data);

        var outputs = ScoreInOnnxRuntime(Export(model, data), data, ["Age", "Readings"], ["AgeMissing", "Age.output", "Filled", "Projected"]);
        var ours = model.Transform(data);
        Assert.Equal(ours.GetColumn<bool>("AgeMissing").ToArray(), (bool[])outputs["AgeMissing"].Values);
        AssertClose(ours.GetColumn<float>("Age").ToArray(), (float[])outputs["Age.output"].Values);
        AssertClose(ours.GetColumn<float[]>("Filled").SelectMany(row => row).ToArray(), (float[])outputs["Filled"].Values);
        AssertClose(ours.GetColumn<float[]>("Projected").SelectMany(row => row).ToArray(), (float[])outputs["Projected"].Values);
    }

    [Fact]
    public void KernelMapsExportWithEitherBasis()
    {
        var data = TestData.Images(_ml, 50);
        var model = _ml.Transforms.ApproximatedKernelMap("Shifted", "Features", rank: 40)
            .Append(_ml.Transforms.ApproximatedKernelMap("Pairs", "Features", rank: 30, useCosAndSinBases: true, generator: new LaplacianKernel()))
            .Fit(data);

        var outputs = ScoreInOnnxRuntime(Export(model, data), data, ["Features"], ["Shifted", "Pairs"]);
        var ours = model.Transform(data);
        AssertClose(ours.GetColumn<float[]>("Shifted").SelectMany(row => row).ToArray(), (float[])outputs["Shifted"].Values);
        AssertClose(ours.GetColumn<float[]>("Pairs").SelectMany(row => row).ToArray(), (float[])outputs["Pairs"].Values);
    }

    private sealed class GappyRow
    {
        public float Age { get; set; }

        [VectorType(3)]
        public float[] Readings { get; set; } = [];
    }

    [Fact]
    public void XGBoostModelsExportAsTreeEnsemblesWithTheirScoresProbabilitiesAndLabels()
    {
        var random = new Random(5);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 600).Select(i =>
        {
            var (x, y) = (random.NextSingle() * 4 - 2, random.NextSingle() * 4 - 2);
            return new Point
            {
                Features = [x, i % 9 == 0 ? float.NaN : y, random.NextSingle()],
                Inside = x * x + y * y < 1.5f,
                Quadrant = (x > 0 ? 1 : 0) + (y > 0 ? 2 : 0),
                Height = 3 * x - y,
            };
        }).ToList());
        var keyed = _ml.Transforms.Conversion.MapValueToKey("QuadrantKey", "Quadrant").Fit(data).Transform(data);
        var models = new (string Name, ITransformer Model, string[] Outputs)[]
        {
            ("binary", _ml.BinaryClassification.Trainers.XGBoost(labelColumnName: "Inside", numberOfTrees: 20).Fit(keyed), ["Score", "Probability", "PredictedLabel"]),
            ("multiclass, Int32 label", _ml.MulticlassClassification.Trainers.XGBoost(labelColumnName: "Quadrant", numberOfTrees: 10).Fit(keyed), ["Score", "PredictedLabel"]),
            ("multiclass, key label", _ml.MulticlassClassification.Trainers.XGBoost(labelColumnName: "QuadrantKey", numberOfTrees: 10).Fit(keyed), ["Score", "PredictedLabel"]),
            ("regression", _ml.Regression.Trainers.XGBoost(labelColumnName: "Height", numberOfTrees: 30).Fit(keyed), ["Score"]),
        };
        foreach (var (name, model, outputNames) in models)
        {
            var onnx = Export(model, keyed);
            Assert.Contains(ModelProto.Parser.ParseFrom(onnx).OpsetImport, set => set.Domain == "ai.onnx.ml");
            AssertOnnxRuntimeAgrees(name, model, onnx, keyed, outputNames);
        }
    }

    [Fact]
    public void LbfgsClassifiersExportAsOneMatrixProductWithTheirScoresProbabilitiesAndLabels()
    {
        var random = new Random(6);
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 400).Select(_ =>
        {
            var (x, y) = (random.NextSingle() * 4 - 2, random.NextSingle() * 4 - 2);
            return new Point { Features = [x, y, random.NextSingle()], Inside = x + 0.5f * y + 0.3f * random.NextSingle() > 0.2f, Quadrant = (x > 0 ? 1 : 0) + (y > 0 ? 2 : 0) };
        }).ToList());
        var keyed = _ml.Transforms.Conversion.MapValueToKey("QuadrantKey", "Quadrant").Fit(data).Transform(data);
        var models = new (string Name, ITransformer Model, string[] Outputs)[]
        {
            ("binary", _ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Inside").Fit(keyed), ["Score", "Probability", "PredictedLabel"]),
            ("multiclass, Int32 label", _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "Quadrant").Fit(keyed), ["Score", "PredictedLabel"]),
            ("multiclass, key label", _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "QuadrantKey").Fit(keyed), ["Score", "PredictedLabel"]),
        };
        foreach (var (name, model, outputNames) in models)
        {
            var onnx = Export(model, keyed);
            Assert.Contains(ModelProto.Parser.ParseFrom(onnx).Graph.Node, node => node.OpType == "Gemm");
            AssertOnnxRuntimeAgrees(name, model, onnx, keyed, outputNames);
        }
    }

    /// <summary>ONNX Runtime computes the same <paramref name="outputNames"/> from the Features column as <paramref name="model"/> does.</summary>
    private static void AssertOnnxRuntimeAgrees(string name, ITransformer model, byte[] onnx, IDataView data, string[] outputNames)
    {
        var outputs = ScoreInOnnxRuntime(onnx, data, ["Features"], outputNames);
        var ours = model.Transform(data);
        foreach (var output in outputNames)
        {
            var column = ours.Schema[output];
            switch (outputs[output].Values)
            {
                case float[] theirs:
                    AssertClose(column.Type is VectorDataViewType ? ours.GetColumn<float[]>(output).SelectMany(row => row).ToArray() : ours.GetColumn<float>(output).ToArray(), theirs, $"{name} {output}");
                    break;
                case bool[] theirs:
                    Assert.Equal(ours.GetColumn<bool>(output).ToArray(), theirs);
                    break;
                case uint[] theirs when column.Type is KeyDataViewType:
                    Assert.Equal(ours.GetColumn<uint>(output).ToArray(), theirs);
                    break;
                case int[] theirs when column.Type == NumberDataViewType.Int32:
                    Assert.Equal(ours.GetColumn<int>(output).ToArray(), theirs);
                    break;
                default:
                    Assert.Fail($"{name} {output}: ours {column.Type}, ONNX Runtime {outputs[output].Values.GetType().Name}");
                    break;
            }
        }
    }

    private sealed class Point
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Inside { get; set; }

        public int Quadrant { get; set; }

        public float Height { get; set; }
    }

    [Fact]
    public void KeyMappingsOfTextNumbersAndBooleansExportBothWays()
    {
        var colors = new[] { "red", "green", "blue", "" };
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new CategoryRow
        {
            Color = colors[i % 4],
            Size = i % 7 == 0 ? float.NaN : i % 3,
            Flag = i % 5 == 0,
        }).ToList());
        var model = _ml.Transforms.Conversion.MapValueToKey("ColorKey", "Color")
            .Append(_ml.Transforms.Conversion.MapValueToKey("SizeKey", "Size"))
            .Append(_ml.Transforms.Conversion.MapValueToKey("FlagKey", "Flag"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("ColorBack", "ColorKey"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("SizeBack", "SizeKey"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("FlagBack", "FlagKey"))
            .Fit(data);

        var outputs = ScoreInOnnxRuntime(Export(model, data), data, ["Color", "Size", "Flag"],
            ["ColorKey", "SizeKey", "FlagKey", "ColorBack", "SizeBack", "FlagBack"]);
        var ours = model.Transform(data);
        foreach (var key in new[] { "ColorKey", "SizeKey", "FlagKey" })
        {
            Assert.Equal(ours.GetColumn<uint>(key).ToArray(), (uint[])outputs[key].Values);
        }

        Assert.Contains(0u, (uint[])outputs["ColorKey"].Values);
        Assert.Equal(ours.GetColumn<string>("ColorBack").ToArray(), (string[])outputs["ColorBack"].Values);
        AssertClose(ours.GetColumn<float>("SizeBack").ToArray(), (float[])outputs["SizeBack"].Values);
        Assert.Equal(ours.GetColumn<bool>("FlagBack").ToArray(), (bool[])outputs["FlagBack"].Values);
    }

    private sealed class CategoryRow
    {
        public string Color { get; set; } = "";

        public float Size { get; set; }

        public bool Flag { get; set; }
    }

    [Fact]
    public void AChainThatCannotBeExportedFailsUpFrontNamingTheTransformerAndWritesNothing()
    {
        var data = TestData.Tabular(_ml, 100);
        var model = _ml.Transforms.Concatenate("Features", "Age", "Income")
            .Append(_ml.Transforms.CustomMapping<TabularRow, Doubled>((row, doubled) => doubled.Twice = 2 * row.Age, "double-age"))
            .Fit(data);

        using var stream = new MemoryStream();
        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(model, data, stream));
        Assert.Contains("transformer 1 (CustomMappingTransformer", error.Message);
        Assert.Equal(0, stream.Length);

        var path = Path.Combine(_directory, "refused.onnx");
        Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(model, data, path));
        Assert.Empty(Directory.GetFiles(_directory));

        var features = _ml.Transforms.Concatenate("Features", "Age", "Income").Append(_ml.Transforms.NormalizeMinMax("Features")).Fit(data).Transform(data);
        var elbo = _ml.AnomalyDetection.Trainers.Autoencoder(new AutoencoderAnomalyDetectionOptions
        {
            FeatureColumnName = "Features", Variational = true, Score = AnomalyScore.NegativeElbo, LatentDimension = 1, Epochs = 1,
        }).Fit(features);
        Assert.Contains("negative ELBO", Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(elbo, features, stream)).Message);
        Assert.Equal(0, stream.Length);
    }

    private sealed class Doubled
    {
        public float Twice { get; set; }
    }

    /// <summary>The exported bytes, after ONNX's checker (full check, with shape inference) passed them.</summary>
    private byte[] Export(ITransformer model, IDataView data)
    {
        var path = Path.Combine(_directory, $"model-{Guid.NewGuid():N}.onnx");
        _ml.Model.ConvertToOnnx(model, data, path);
        var checker = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)", path])
        {
            RedirectStandardError = true,
        })!;
        var complaint = checker.StandardError.ReadToEnd();
        checker.WaitForExit();
        Assert.True(checker.ExitCode == 0, $"ONNX's checker refused the model: {complaint}");
        return File.ReadAllBytes(path);
    }

    /// <summary>ONNX Runtime's outputs for the rows of <paramref name="data"/>, fed the named input columns.</summary>
    private static Dictionary<string, OnnxTensor> ScoreInOnnxRuntime(byte[] onnx, IDataView data, string[] inputColumns, string[] outputs)
    {
        var inputs = inputColumns.Select(name =>
        {
            var type = data.Schema[name].Type;
            Array values = type switch
            {
                VectorDataViewType => data.GetColumn<float[]>(name).SelectMany(row => row).ToArray(),
                TextDataViewType => data.GetColumn<string>(name).ToArray(),
                BooleanDataViewType => data.GetColumn<bool>(name).ToArray(),
                _ => data.GetColumn<float>(name).ToArray(),
            };
            return new OnnxTensor(name, values, [values.Length / RowWidth(type), RowWidth(type)]);
        }).ToArray();
        using var session = new OnnxRuntimeSession(onnx);
        return session.Run(inputs, outputs).ToDictionary(output => output.Name);
    }

    private static int RowWidth(DataViewType type) => type is VectorDataViewType vector ? vector.Size : 1;

    private static void AssertClose(float[] ours, float[] theirs, string what = "")
    {
        Assert.Equal(ours.Length, theirs.Length);
        for (var i = 0; i < ours.Length; i++)
        {
            var same = float.IsNaN(ours[i]) ? float.IsNaN(theirs[i]) : Math.Abs(ours[i] - theirs[i]) <= Tolerance * (1 + Math.Abs(ours[i]));
            Assert.True(same, $"{what} value {i}: ours {ours[i]}, ONNX Runtime {theirs[i]}");
        }
    }
}
