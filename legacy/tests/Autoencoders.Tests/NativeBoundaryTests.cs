using Autoencoders.Trainers;
using Autoencoders.Trainers.Native;

namespace Autoencoders.Tests;

public class NativeBoundaryTests
{
    [Fact]
    public void MalformedSpecIsCaughtInNativeCodeAndReportedWithItsMessage()
    {
        var status = ModelNativeMethods.Create("{\"input_width\": 4, \"latent_width\": 2, \"encoder\": [{\"kind\": \"conv\"}], \"decoder\": []}", 0, out var handle);
        handle.Dispose();

        var error = Assert.Throws<AutoencoderNativeException>(() => NativeStatus.Check(status));
        Assert.Contains("ae_model_create", error.NativeMessage);
        Assert.Contains("unknown kind 'conv'", error.NativeMessage);
    }

    [Fact]
    public void WeightsCopyOnlyBetweenModelsOfOneArchitecture()
    {
        using var source = AutoencoderModel.Create(new DenseAutoencoderSpec(6, 2, [4]).ToArchitecture(), seed: 1);
        using var destination = AutoencoderModel.Create(new DenseAutoencoderSpec(6, 2, [4]).ToArchitecture(), seed: 2);
        using var other = AutoencoderModel.Create(new DenseAutoencoderSpec(6, 3, [4]).ToArchitecture(), seed: 2);
        var rows = SpecAndValidationTests.Rows(5, 6);
        Assert.NotEqual(source.Encode(rows).Values.ToArray(), destination.Encode(rows).Values.ToArray());

        destination.CopyWeightsFrom(source);
        Assert.Equal(source.Encode(rows).Values.ToArray(), destination.Encode(rows).Values.ToArray());
        Assert.Contains("different architectures", Assert.Throws<AutoencoderNativeException>(() => other.CopyWeightsFrom(source)).NativeMessage);
    }

    [Fact]
    public void InvalidJsonIsReportedNotThrownAcrossTheBoundary()
    {
        var status = ModelNativeMethods.Create("{not json", 0, out var handle);
        handle.Dispose();

        Assert.NotEqual(NativeStatus.Ok, status);
        Assert.Contains("parse", Assert.Throws<AutoencoderNativeException>(() => NativeStatus.Check(status)).NativeMessage);
    }

    [Fact]
    public void GarbageModelFileGivesAManagedError()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
            var error = Assert.Throws<AutoencoderNativeException>(() => AutoencoderModel.Load(path));
            Assert.Contains("ae_model_load", error.Message);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<FileNotFoundException>(() => AutoencoderModel.Load(path));
    }

    [Fact]
    public void UsesEveryCoreByDefault()
    {
        // Unless this process was started with a count (ThreadSettingTests checks those in processes of their own).
        var configured = Environment.GetEnvironmentVariable(TorchRuntime.ThreadsVariable) is { Length: > 0 } library ? library
            : Environment.GetEnvironmentVariable("OMP_NUM_THREADS")?.Split(',')[0];
        var expected = int.TryParse(configured, out var count) && count >= 1 ? count : Environment.ProcessorCount;
        Assert.Equal(expected, TorchRuntime.NumberOfThreads);
        Assert.Matches(@"^\d+\.\d+", TorchRuntime.TorchVersion);
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.NumberOfThreads = 0);
    }

    [Fact]
    public unsafe void ImageFunctionsRefuseBadArgumentsWithAMessage()
    {
        TorchRuntime.EnsureInitialized();
        var pixels = new byte[16];
        fixed (byte* data = pixels)
        {
            string Refusal(int status) => Assert.Throws<AutoencoderNativeException>(() => NativeStatus.Check(status)).NativeMessage;
            Assert.Contains("bytes is null", Refusal(ImageNativeMethods.Decode(null, 4, out _, out _, out _, out _, out _, out _)));
            Assert.Contains("not an image", Refusal(ImageNativeMethods.Decode(data, 16, out _, out _, out _, out _, out _, out _)));
            Assert.Contains("channels", Refusal(ImageNativeMethods.Grayscale(data, 2, 2, 2, 8, data)));
            Assert.Contains("bits", Refusal(ImageNativeMethods.Grayscale(data, 2, 2, 1, 12, data)));
            Assert.Contains("rectangle", Refusal(ImageNativeMethods.Resize(data, 4, 4, 1, 8, 2, 2, 3, 3, data, 4, 4, 0, 0, 4, 4)));
            Assert.Contains("height", Refusal(ImageNativeMethods.Resize(data, 0, 4, 1, 8, 0, 0, 1, 1, data, 4, 4, 0, 0, 4, 4)));
            Assert.Contains("path is null", Refusal(ImageNativeMethods.Write(null!, data, 4, 4, 1, 8)));
        }

        var values = new float[16];
        fixed (float* map = values)
        {
            string Refusal(int status) => Assert.Throws<AutoencoderNativeException>(() => NativeStatus.Check(status)).NativeMessage;
            Assert.Contains("reconstruction is null", Refusal(ImageNativeMethods.Dissimilarity(map, null, 4, 4, 1, 1.5, map)));
            Assert.Contains("channels", Refusal(ImageNativeMethods.Dissimilarity(map, map, 2, 2, 5, 1.5, map)));
            Assert.Contains("sigma", Refusal(ImageNativeMethods.Dissimilarity(map, map, 4, 4, 1, double.NaN, map)));
        }
    }
}
