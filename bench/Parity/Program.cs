// Trains each case with the settings bench/parity.py uses and prints "<case> <final training loss>".
//   Parity <threads> [quick]
// "quick" trains each case on a tenth of the rows for one epoch, as parity.py's quick does.
using System.Globalization;
using Autoencoders.Trainers;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
TorchRuntime.NumberOfThreads = int.Parse(args[0], CultureInfo.InvariantCulture);
var quick = args.Length > 1 && args[1] == "quick";
(string Name, IAutoencoderSpec Spec, int Rows, int Epochs)[] cases =
[
    ("dense-784-256-32", new DenseAutoencoderSpec(784, 32, [256], outputActivation: Activation.Sigmoid), 20_000, 5),
    ("convolutional-default", new ConvolutionalAutoencoderSpec(1, 28, 28, 16, outputActivation: Activation.Sigmoid), 5_000, 3),
    ("variational-784-256-8", new DenseAutoencoderSpec(784, 8, [256], outputActivation: Activation.Sigmoid, variational: true), 20_000, 5),
];
foreach (var (name, spec, rows, epochs) in cases)
{
    var (images, _) = FashionMnist.LoadTraining(quick ? rows / 10 : rows);
    var options = new AutoencoderTrainingOptions { Epochs = quick ? 1 : epochs, BatchSize = 128, LearningRate = 1e-3f, ValidationFraction = 0, Seed = 1 };
    var result = new AutoencoderTrainer(options).Fit(spec, images);
    result.Model.Dispose();
    Console.WriteLine($"{name} {result.History[^1].TrainingLoss:F6}");
}
