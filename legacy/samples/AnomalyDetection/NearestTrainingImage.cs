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
        var pixels = shape.Height * shape.Width;
        var scores = new float[test.Length];
        var maps = new float[test.Length][];
        Parallel.For(0, test.Length, row =>
        {
            var image = test[row];
            var nearest = training.MinBy(candidate => SquaredDistance(candidate, image))!;
            scores[row] = SquaredDistance(nearest, image);
            var errors = new float[image.Length];
            for (var value = 0; value < image.Length; value++)
            {
                errors[value] = (image[value] - nearest[value]) * (image[value] - nearest[value]);
            }

            var map = new float[pixels];
            ImageProcessing.ErrorMap(errors, shape, map, sigma);
            maps[row] = map;
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
