using Autoencoders.Trainers;
using Xunit.Abstractions;

namespace Autoencoders.Tests;

/// <summary>
/// The semi-supervised engine: it learns from labels alone on real images, and on a task built for it,
/// where the classes differ along a direction that many unlabelled rows reveal and a few labelled rows
/// do not, its unlabelled rows teach it what its labels cannot.
/// </summary>
public class SemiSupervisedTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void ItLearnsFromLabelsAloneOnRealImages()
    {
        var kept = new int[10];
        var labels = FashionMnistSlice.TrainingLabels.Select(label => kept[label]++ < 5 ? label : SemiSupervisedTrainer.Unlabelled).ToArray();
        var options = new SemiSupervisedTrainingOptions { ReconstructionWeight = 0, ConsistencyWeight = 0, ImageShape = FashionMnist.Shape, Epochs = 15, Seed = 1 };
        using var model = new SemiSupervisedTrainer(options).Fit(new DenseAutoencoderSpec(FashionMnist.ImageSize, 32, [256]), FashionMnistSlice.Training, labels, 10);
        var accuracy = Accuracy(model, FashionMnistSlice.Test, FashionMnistSlice.TestLabels);
        output.WriteLine($"50 labels, test accuracy {accuracy:F4}");
        Assert.True(accuracy > 0.55, $"50 labels taught it too little: test accuracy {accuracy:F4} (chance is 0.1)");
    }

    [Fact]
    public void UnlabelledRowsTeachItWhatItsFewLabelsCannot()
    {
        var (rows, classes) = TwoClasses(2000, seed: 1);
        var (test, testClasses) = TwoClasses(1000, seed: 2);
        var labels = Enumerable.Range(0, rows.Rows).Select(row => row < 6 ? classes[row] : SemiSupervisedTrainer.Unlabelled).ToArray();
        var spec = new DenseAutoencoderSpec(rows.Columns, 2, [16]);
        double AccuracyWith(SemiSupervisedTrainingOptions options)
        {
            using var model = new SemiSupervisedTrainer(options).Fit(spec, rows, labels, 2);
            return Accuracy(model, test, testClasses);
        }

        var labelsOnly = AccuracyWith(new SemiSupervisedTrainingOptions { ReconstructionWeight = 0, ConsistencyWeight = 0, Epochs = 20, Seed = 1 });
        var reconstruction = AccuracyWith(new SemiSupervisedTrainingOptions { ConsistencyWeight = 0, Epochs = 20, Seed = 1 });
        var all = AccuracyWith(new SemiSupervisedTrainingOptions { Epochs = 20, Seed = 1 });
        output.WriteLine($"labels only {labelsOnly:F4}, with reconstruction {reconstruction:F4}, with consistency too {all:F4}");
        Assert.True(all > labelsOnly + 0.05, $"labels only {labelsOnly:F4}, with the unlabelled rows {all:F4}");
    }

    /// <summary>
    /// Rows of 40 values, half of each class: the classes lie 6 apart along one direction, each spread
    /// by 1 along it and by 3 along another, and every value carries noise of 1.5. Six labelled rows
    /// cannot tell the class direction from the noise; 2,000 rows show it as one of the two widest.
    /// </summary>
    private static (FeatureMatrix Rows, int[] Classes) TwoClasses(int count, int seed)
    {
        const int width = 40;
        var random = new Random(seed);
        var directions = new Random(0);
        double[] Unit()
        {
            var v = Enumerable.Range(0, width).Select(_ => directions.NextDouble() - 0.5).ToArray();
            var norm = Math.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        }

        var (signal, nuisance) = (Unit(), Unit());
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = new float[count * width];
        var classes = new int[count];
        for (var row = 0; row < count; row++)
        {
            classes[row] = row % 2;
            var (along, across) = ((classes[row] == 0 ? -3 : 3) + Normal(), 3 * Normal());
            for (var j = 0; j < width; j++)
            {
                values[row * width + j] = (float)(along * signal[j] + across * nuisance[j] + 1.5 * Normal());
            }
        }

        return (new FeatureMatrix(values, width), classes);
    }

    private static double Accuracy(SemiSupervisedModel model, FeatureMatrix rows, int[] classes)
    {
        var probabilities = model.PredictProbabilities(rows);
        return Enumerable.Range(0, rows.Rows).Count(row =>
        {
            var scores = probabilities.Row(row).ToArray();
            return Array.IndexOf(scores, scores.Max()) == classes[row];
        }) / (double)rows.Rows;
    }
}
