using Autoencoders.Trainers.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Autoencoders.Tests;

/// <summary>The engine's ONNX graphs: ONNX Runtime computes what TorchSharp does, the model is rebuilt from them, and damage never scores.</summary>
public sealed class OnnxGraphTests
{
    public static TheoryData<string> Kinds => ["dense with batch norm", "convolutional", "variational"];

    private static AutoencoderModel Trained(string kind)
    {
        IAutoencoderSpec spec = kind switch
        {
            "dense with batch norm" => new DenseAutoencoderSpec(784, 8, [64], batchNormalization: true),
            "convolutional" => new ConvolutionalAutoencoderSpec(1, 28, 28, 8, [new(4, 3, 2, 1), new(8, 3, 2, 1)]),
            _ => new DenseAutoencoderSpec(784, 8, [64], variational: true),
        };
        return new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = 1, BatchSize = 50, ValidationFraction = 0 }).Fit(spec, FashionMnistSlice.TrainingRows(200)).Model;
    }

    private static float[] RunOnnx(byte[] graph, string output, ReadOnlySpan<float> row)
    {
        using var session = new InferenceSession(graph);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(row.ToArray(), [row.Length]))], [output]);
        return results.First().AsTensor<float>().ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OnnxRuntimeReconstructsAsTorchSharpDoesAndTheModelIsRebuiltExactlyFromTheGraph(string kind)
    {
        using var model = Trained(kind);
        var graph = AutoencoderOnnxGraph.Export(model, "x", new AutoencoderGraphOutputs { Code = "code", Reconstruction = "reconstruction" });
        var rows = FashionMnistSlice.TrainingRows(3);
        var reconstructions = model.Reconstruct(rows);
        for (var row = 0; row < rows.Rows; row++)
        {
            var onnx = RunOnnx(graph, "reconstruction", rows.Row(row));
            Assert.All(onnx.Zip(reconstructions.Row(row).ToArray()), pair => Assert.Equal(pair.Second, pair.First, 1e-4 * (1 + Math.Abs(pair.Second))));
        }

        using var rebuilt = AutoencoderOnnxGraph.ReadModel(graph);
        Assert.Equal(model.State.Where(entry => entry.Tensor.dtype == TorchSharp.torch.ScalarType.Float32).Sum(entry => entry.Tensor.numel()), model.Architecture.StateValues);
        Assert.Equal(model.Architecture.ToJson(), rebuilt.Architecture.ToJson());
        Assert.Equal(model.Seed, rebuilt.Seed);
        Assert.Equal(reconstructions.Values.ToArray(), rebuilt.Reconstruct(rows).Values.ToArray());
    }

    [Fact]
    public void AGraphWithAChangedByteFailsToLoadOrGivesTheOriginalOutputsNeverOthers()
    {
        using var model = Trained("dense with batch norm");
        var graph = AutoencoderOnnxGraph.Export(model, "x", new AutoencoderGraphOutputs { Code = "code" });
        var row = FashionMnistSlice.TrainingRows(1).Row(0).ToArray();
        var expected = RunOnnx(graph, "code", row);
        var random = new Random(3);
        var refused = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var damaged = graph.ToArray();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            float[] code;
            try
            {
                code = RunOnnx(damaged, "code", row);
            }
            catch (OnnxRuntimeException)
            {
                refused++;
                Assert.Throws<InvalidDataException>(() => AutoencoderOnnxGraph.ReadModel(damaged).Dispose());
                continue;
            }

            Assert.Equal(expected, code);
        }

        Assert.True(refused > 150, $"{refused} of 200 damaged graphs refused");
    }

    [Fact]
    public void AGraphOfAnotherFormatVersionIsRefusedNamingTheVersionAndOneWithoutAVersionReadsAsTheFirst()
    {
        using var model = new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0 }).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(50)).Model;
        var graph = AutoencoderOnnxGraph.Export(model, "x", new AutoencoderGraphOutputs { Code = "code" });

        var error = Assert.Throws<InvalidDataException>(() => AutoencoderOnnxGraph.ReadModel(WithFormat(graph, "2")));
        Assert.Contains("format version '2'; this version of the library reads version 1", error.Message);
        using var unversioned = AutoencoderOnnxGraph.ReadModel(WithFormat(graph, null));
        Assert.Equal(model.Reconstruct(FashionMnistSlice.TrainingRows(2)).Values.ToArray(), unversioned.Reconstruct(FashionMnistSlice.TrainingRows(2)).Values.ToArray());
    }

    [Fact]
    public void AGraphWhoseArchitectureAsksForMoreWeightsThanItHoldsIsRefusedBeforeAnythingIsAllocated()
    {
        using var model = new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = 1, ValidationFraction = 0 }).Fit(new DenseAutoencoderSpec(784, 8), FashionMnistSlice.TrainingRows(50)).Model;
        var proto = Autoencoders.Trainers.Onnx.Protobuf.ModelProto.Parser.ParseFrom(AutoencoderOnnxGraph.Export(model, "x", new AutoencoderGraphOutputs { Code = "code" }));
        // 784 x 100,000,000 x 2 weights: 627 GB of floats.
        proto.MetadataProps.Single(p => p.Key == AutoencoderOnnxGraph.ArchitectureMetadataKey).Value =
            new DenseAutoencoderSpec(784, 8, [100_000_000]).ToArchitecture(Activation.Sigmoid).ToJson();

        var error = Assert.Throws<InvalidDataException>(() => AutoencoderOnnxGraph.ReadModel(Google.Protobuf.MessageExtensions.ToByteArray(proto)));
        Assert.StartsWith("The ONNX model's architecture needs 158600000792 weights but the graph holds", error.Message);
    }

    /// <summary><paramref name="graph"/> with its format version set to <paramref name="format"/>, or removed when null.</summary>
    private static byte[] WithFormat(byte[] graph, string? format)
    {
        var proto = Autoencoders.Trainers.Onnx.Protobuf.ModelProto.Parser.ParseFrom(graph);
        var entry = proto.MetadataProps.Single(p => p.Key == AutoencoderOnnxGraph.FormatMetadataKey);
        if (format is null)
        {
            proto.MetadataProps.Remove(entry);
        }
        else
        {
            entry.Value = format;
        }

        return Google.Protobuf.MessageExtensions.ToByteArray(proto);
    }

    [Fact]
    public void BytesThatAreNotOneOfOurGraphsAreRefusedByName()
    {
        Assert.Throws<InvalidDataException>(() => AutoencoderOnnxGraph.ReadModel([1, 2, 3, 4, 5]));
        Assert.Contains("carries no autoencoder", Assert.Throws<InvalidDataException>(() => AutoencoderOnnxGraph.ReadModel([])).Message);
    }
}
