using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

/// <summary>Data beyond what one array can hold flows through scoring, block by block.</summary>
public class LargeDataTests
{
    [Fact]
    public void AViewOfMoreThanTwoToTheThirtyOneValuesFlowsThroughScoring()
    {
        const int width = 1024;
        var rows = (1L << 31) / width + 3 * GeneratedDataView.Period;
        var ml = new MLContext(seed: 1);
        using var detector = ml.AnomalyDetection.Trainers.Autoencoder(
                new AutoencoderAnomalyDetectionOptions { LatentDimension = 2, HiddenWidths = [], Epochs = 2, ValidationFraction = 0 })
            .Fit(ml.Data.Cache(ml.Data.TakeRows(new GeneratedDataView(1000, width), 1000)));

        var huge = new GeneratedDataView(rows, width);
        Assert.True(rows * width > int.MaxValue);
        var expected = ml.Data.Cache(detector.Transform(new GeneratedDataView(GeneratedDataView.Period, width))).GetColumn<float>("Score").ToArray();

        long count = 0;
        var mismatches = 0;
        foreach (var score in detector.Transform(huge).GetColumn<float>("Score"))
        {
            // Batches of other sizes may sum in another order: equal to float rounding.
            if (Math.Abs(score - expected[count % GeneratedDataView.Period]) > 1e-4f * expected[count % GeneratedDataView.Period]) mismatches++;
            count++;
        }

        Assert.Equal(rows, count);
        Assert.Equal(0, mismatches);
    }
}
