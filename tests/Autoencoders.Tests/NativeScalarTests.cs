using System.Globalization;

namespace Autoencoders.Tests;

/// <summary>
/// The engine's arithmetic with constants (noise scaling, the VAE's and the sparsity penalty's terms,
/// clamps, dropout) under constant garbage collection: TorchSharp hands libtorch a temporary native
/// Scalar for each constant, which a collection frees if nothing keeps it alive during the call.
/// </summary>
public sealed class NativeScalarTests
{
    [Fact]
    public void TrainingWithEveryConstantTermSurvivesCollectionsDuringEveryCall()
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Autoencoders.Tests.dll");
        var (exit, output, error) = ExternalCommand.Run("dotnet", [worker, "scalar-race", "40"], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"exit {exit}:\n{output}\n{error}");
        Assert.Contains("trained 40 rounds, losses finite", output);
    }

    /// <summary>
    /// The child process: trains each model that uses constants for <paramref name="rounds"/> short
    /// rounds while another thread collects garbage and runs finalizers without pause.
    /// </summary>
    public static int Race(int rounds)
    {
        var data = FashionMnist.LoadTraining(256).Images;
        IAutoencoderSpec dense = new DenseAutoencoderSpec(784, 8, [32], dropoutRate: 0.2f);
        IAutoencoderSpec variational = new DenseAutoencoderSpec(784, 8, [32], variational: true);
        IAutoencoderSpec sparse = new DenseAutoencoderSpec(784, 8, [32], outputActivation: Activation.Sigmoid, latentActivation: Activation.Sigmoid);
        (IAutoencoderSpec Spec, AutoencoderTrainingOptions Options)[] cases =
        [
            (dense, new AutoencoderTrainingOptions { Noise = NoiseKind.Masking, NoiseLevel = 0.3f }),
            (variational, new AutoencoderTrainingOptions { Beta = 0.5f }),
            (sparse, new AutoencoderTrainingOptions { Sparsity = SparsityPenalty.KullbackLeibler, Loss = ReconstructionLoss.BinaryCrossEntropy }),
            (sparse, new AutoencoderTrainingOptions { Sparsity = SparsityPenalty.L1, ContractiveWeight = 0.01f }),
        ];
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (spec, options) in cases)
                {
                    options.Epochs = 1;
                    options.BatchSize = 64;
                    options.ValidationFraction = 0;
                    options.Seed = round;
                    var fitted = new AutoencoderTrainer(options).Fit(spec, data);
                    using var model = fitted.Model;
                    if (!fitted.History.All(epoch => float.IsFinite(epoch.TrainingLoss)))
                    {
                        Console.Out.WriteLine($"round {round}: a loss is not finite");
                        return 1;
                    }

                    if (spec == variational)
                    {
                        model.Sample(16, round);
                    }
                }
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained {rounds} rounds, losses finite"));
        return 0;
    }
}
