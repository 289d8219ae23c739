// Trains a dense autoencoder on Fashion-MNIST without labels, then reports how well it
// reconstructs the unseen test images against the trivial baseline of predicting the mean image.
//   dotnet run --project samples/GettingStarted -- [--quick] [--epochs N] [--save PATH]
using System.CommandLine;
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Trainers;

var quickOption = new Option<bool>("--quick") { Description = "Train on 10,000 images for 3 epochs." };
var epochsOption = new Option<int?>("--epochs") { Description = "Passes over the images (default 15, or 3 with --quick)." }.Requiring(count => count >= 1, "a whole number, 1 or more");
var saveOption = new Option<string?>("--save") { Description = "Where to save the model (default: the temporary folder)." };
var root = new RootCommand("Trains a dense autoencoder on Fashion-MNIST and compares its reconstructions with the mean image's.")
{
    quickOption, epochsOption, saveOption,
};
root.SetAction(parsed => Run(parsed.GetValue(quickOption), parsed.GetValue(epochsOption), parsed.GetValue(saveOption)));
return CommandLineRunner.Run(root, args);

static void Run(bool quick, int? epochCount, string? save)
{
    var epochs = epochCount ?? (quick ? 3 : 15);
    var savePath = save ?? Path.Combine(Path.GetTempPath(), "fashion-mnist-dense.pt");

    var (training, _) = FashionMnist.LoadTraining(quick ? 10_000 : null);
    var (test, _) = FashionMnist.LoadTest();
    Console.WriteLine($"libtorch {TorchRuntime.TorchVersion}, {TorchRuntime.NumberOfThreads} threads; {training.Rows} training and {test.Rows} test images");

    var spec = new DenseAutoencoderSpec(FashionMnist.ImageSize, latentWidth: 32, hiddenWidths: [256]);
    var options = new AutoencoderTrainingOptions
    {
        Epochs = epochs,
        Seed = 1,
        Progress = new ConsoleProgress<EpochProgress>(epoch => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch.Epoch}/{epoch.EpochCount}  train {epoch.TrainingLoss:F5}  validation {epoch.ValidationLoss:F5}{(epoch.IsBest ? " *" : "")}  {epoch.Elapsed.TotalSeconds:F1}s"))),
    };

    var result = new AutoencoderTrainer(options).Fit(spec, training);
    using var model = result.Model;
    Console.WriteLine($"kept epoch {result.BestEpoch}{(result.StoppedEarly ? " (stopped early)" : "")}");

    var autoencoderMse = model.ComputeReconstructionErrors(test).Average();
    var meanImage = new double[FashionMnist.ImageSize];
    for (var r = 0; r < training.Rows; r++)
    {
        var row = training.Row(r);
        for (var c = 0; c < meanImage.Length; c++) meanImage[c] += row[c] / (double)training.Rows;
    }

    double baselineMse = 0;
    for (var r = 0; r < test.Rows; r++)
    {
        var row = test.Row(r);
        for (var c = 0; c < meanImage.Length; c++) baselineMse += Math.Pow(row[c] - meanImage[c], 2);
    }

    baselineMse /= (double)test.Rows * meanImage.Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test reconstruction-mse mean-image {baselineMse:F4}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test reconstruction-mse autoencoder {autoencoderMse:F4}"));

    model.Save(savePath);
    using var reloaded = AutoencoderModel.Load(savePath);
    var codes = reloaded.Encode(test);
    Console.WriteLine($"saved to {savePath}; reloaded, {codes.Rows} codes of {codes.Columns} values");
}

/// <summary>Reports on the training thread, so lines print in order as epochs finish.</summary>
internal sealed class ConsoleProgress<T>(Action<T> write) : IProgress<T>
{
    public void Report(T value) => write(value);
}
