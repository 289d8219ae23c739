using Autoencoders.Trainers;

/// <summary>
/// The baseline an autoencoder must beat, needing no training: a test image's score is its squared
/// raw-pixel distance to the nearest training image, and its map the squared per-pixel difference
/// from that image, averaged over channels and smoothed as the autoencoder's map is.
/// </summary>
internal static class NearestTrainingImage
{
    public static (float[] Scores, float[][] Maps) Score(float[][] training, float[][] test, ImageShape shape, float sigma)
    {
        var scores = new float[test.Length];
        var maps = new float[test.Length][];
        Parallel.For(0, test.Length, row =>
        {
            var image = test[row];
            var nearest = training.MinBy(candidate => SquaredDistance(candidate, image))!;
            scores[row] = SquaredDistance(nearest, image);
            var errors = image.Zip(nearest, (value, other) => (value - other) * (value - other)).ToArray();
            maps[row] = VisualInspection.Smoothed(VisualInspection.ChannelMean(errors, shape), shape.Height, shape.Width, sigma);
        });
        return (scores, maps);
    }

    private static float SquaredDistance(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return sum;
    }
}
