// Prints the median wall time of one training epoch of the dense 784-256-32 autoencoder over the
// Fashion-MNIST training images: "seconds <value>". The first epoch is a warm-up and not counted.
//   DenseEpoch <batch size> <timed epochs> <threads>
using System.Globalization;
using Autoencoders.Trainers;
using Autoencoders.Transforms.Data;

var batchSize = int.Parse(args[0], CultureInfo.InvariantCulture);
var timedEpochs = int.Parse(args[1], CultureInfo.InvariantCulture);
TorchRuntime.NumberOfThreads = int.Parse(args[2], CultureInfo.InvariantCulture);

var (images, _) = FashionMnist.LoadTraining();
var epochEnds = new List<TimeSpan>();
var options = new AutoencoderTrainingOptions
{
    Epochs = timedEpochs + 1,
    BatchSize = batchSize,
    ValidationFraction = 0f,
    Seed = 1,
    Progress = new EpochClock(epochEnds),
};
var spec = new DenseAutoencoderSpec(FashionMnist.ImageSize, 32, hiddenWidths: [256], outputActivation: Activation.Sigmoid);
using var model = new AutoencoderTrainer(options).Fit(spec, images).Model;

var durations = epochEnds.Zip(epochEnds.Skip(1), (start, end) => (end - start).TotalSeconds).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows {images.Rows} threads {TorchRuntime.NumberOfThreads}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds {durations[durations.Length / 2]:F4}"));

internal sealed class EpochClock(List<TimeSpan> ends) : IProgress<EpochProgress>
{
    public void Report(EpochProgress value) => ends.Add(value.Elapsed);
}
