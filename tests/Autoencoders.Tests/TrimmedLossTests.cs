namespace Autoencoders.Tests;

/// <summary>A trimmed loss leaves the rows unlike the rest out of training.</summary>
public sealed class TrimmedLossTests
{
    [Fact]
    public void RowsUnlikeTheRestDoNotShapeANetworkTrainedWithATrimmedLoss()
    {
        // 400 rows on a plane through 8 dimensions, 60 rows in a small cluster off it: a network can learn both.
        var random = new Random(4);
        var (planeRows, clusterRows, width) = (400, 60, 8);
        var basis = Enumerable.Range(0, 2 * width).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var cluster = Enumerable.Range(0, width).Select(_ => random.NextSingle()).ToArray();
        var values = new float[(planeRows + clusterRows) * width];
        for (var row = 0; row < planeRows + clusterRows; row++)
        {
            var (u, v) = (random.NextSingle(), random.NextSingle());
            for (var j = 0; j < width; j++)
            {
                values[row * width + j] = row < planeRows ? 0.5f + 0.5f * (u * basis[j] + v * basis[width + j]) : cluster[j] + 0.02f * (random.NextSingle() - 0.5f);
            }
        }

        var rows = new FeatureMatrix(values, width);
        double ClusterOverPlaneError(float trim)
        {
            var options = new AutoencoderTrainingOptions { Epochs = 150, BatchSize = 64, ValidationFraction = 0f, Seed = 3, TrimFraction = trim };
            using var model = new AutoencoderTrainer(options).Fit(new DenseAutoencoderSpec(width, 2), rows).Model;
            var reconstruction = model.Reconstruct(rows);
            double Error(int row) => Enumerable.Range(0, width).Average(j => Math.Pow(values[row * width + j] - reconstruction.Row(row)[j], 2));
            return Enumerable.Range(planeRows, clusterRows).Average(Error) / Enumerable.Range(0, planeRows).Average(Error);
        }

        var plain = ClusterOverPlaneError(0f);
        var trimmed = ClusterOverPlaneError(0.25f);

        Assert.True(trimmed > 1.3 * plain, $"clustered rows' error over the plane's: {trimmed:F1} trimmed, {plain:F1} plain");
    }
}
