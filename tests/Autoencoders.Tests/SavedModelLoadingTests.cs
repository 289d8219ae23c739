using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;
using Autoencoders.Transforms;
using Microsoft.ML.OnnxRuntime;

namespace Autoencoders.Tests;

/// <summary>
/// Loading a saved model survives ONNX Runtime misreading a graph whose temporary file ML.NET happened
/// to name "*.ort" (once in 32,768 graphs), and nothing else is loaded twice.
/// </summary>
public sealed class SavedModelLoadingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("saved-model-loading-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AGraphInAFileNamedOrtFailsInOnnxRuntimeAsAMisreadAndLoadsUnderAnotherName()
    {
        var graph = Graph();
        var misread = Assert.ThrowsAny<OnnxRuntimeException>(() => Session(graph, "graph.ort"));
        // As ML.NET reports it: wrapped in its own exceptions.
        Assert.True(SavedModelLoading.IsOrtFormatMisread(new InvalidOperationException("Error during class instantiation", new InvalidOperationException("Error initializing model", misread))));
        Session(graph, "graph.onnx");
        var damaged = Assert.ThrowsAny<OnnxRuntimeException>(() => Session(graph[..(graph.Length / 2)], "damaged.onnx"));
        Assert.False(SavedModelLoading.IsOrtFormatMisread(damaged));
    }

    [Fact]
    public void AMisreadIsLoadedAgainAndAnyOtherFailureIsThrownAtOnce()
    {
        var graph = Graph();
        var misread = Assert.ThrowsAny<OnnxRuntimeException>(() => Session(graph, "graph.ort"));
        var calls = 0;
        Assert.Equal(42, SavedModelLoading.Retrying(() => ++calls < 3 ? throw new InvalidOperationException("Error initializing model", misread) : 42));
        Assert.Equal(3, calls);

        calls = 0;
        Assert.Throws<InvalidDataException>(() => SavedModelLoading.Retrying<int>(() => { calls++; throw new InvalidDataException("damaged"); }));
        Assert.Equal(1, calls);

        calls = 0;
        Assert.Throws<InvalidOperationException>(() => SavedModelLoading.Retrying<int>(() => { calls++; throw new InvalidOperationException("Error initializing model", misread); }));
        Assert.Equal(4, calls);
    }

    private static byte[] Graph()
    {
        using var model = AutoencoderModel.Create(new DenseAutoencoderSpec(6, 2).ToArchitecture(Activation.Sigmoid), seed: 1);
        return AutoencoderOnnxGraph.Export(model, "Features", new AutoencoderGraphOutputs { Code = "Code" });
    }

    private void Session(byte[] graph, string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllBytes(path, graph);
        using var session = new InferenceSession(path);
    }
}
