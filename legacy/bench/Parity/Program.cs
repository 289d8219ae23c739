// Trains each case with the settings bench/parity.py uses and prints "<case> <final training loss>".
//   Parity <threads>
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Trainers;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
TorchRuntime.NumberOfThreads = int.Parse(args[0], CultureInfo.InvariantCulture);
foreach (var (name, spec, rows, epochs) in ParityCases.All)
{
    var (images, _) = FashionMnist.LoadTraining(rows);
    var options = new AutoencoderTrainingOptions { Epochs = epochs, BatchSize = 128, LearningRate = 1e-3f, ValidationFraction = 0, Seed = 1 };
    var result = new AutoencoderTrainer(options).Fit(spec, images);
    result.Model.Dispose();
    Console.WriteLine($"{name} {result.History[^1].TrainingLoss:F6}");
}

internal static class ParityCases
{
    /// <summary>The cases, with the architectures parity.py builds layer for layer.</summary>
    public static readonly (string Name, IAutoencoderSpec Spec, int Rows, int Epochs)[] All =
    [
        ("dense-784-256-32", new DenseAutoencoderSpec(784, 32, [256], outputActivation: Activation.Sigmoid), 20_000, 5),
        ("convolutional-default", new ConvolutionalAutoencoderSpec(1, 28, 28, 16, outputActivation: Activation.Sigmoid), 5_000, 3),
        ("variational-784-256-8", new DenseAutoencoderSpec(784, 8, [256], outputActivation: Activation.Sigmoid, variational: true), 20_000, 5),
    ];
}
