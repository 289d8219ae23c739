using Autoencoders.Trainers;

/// <summary>
/// Visual inspection a patch at a time, for defects too small to survive learning the whole image: a
/// convolutional autoencoder (the engine directly: a patch, not an image, is a row here) learns the
/// overlapping square patches of the good images; a test image's reconstruction is its patches'
/// reconstructions put back together (overlaps averaged), its map is drawn from that, and its score
/// is its worst patch's mean squared error, so a small defect is not averaged away over the image.
/// </summary>
internal static class PatchDetector
{
    public static (float[] Scores, float[][] Maps) Run(float[][] training, float[][] test, ImageShape shape, int size, float sigma, int epochs, bool quiet)
    {
        var corners = Corners(shape, size);
        var patches = FeatureMatrix.FromRows(training.SelectMany(image => corners.Select(corner => Cut(image, shape, size, corner))).ToList());
        var spec = new ConvolutionalAutoencoderSpec(shape.Channels, size, size, VisualInspection.LatentDimension,
            ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(size, size), outputActivation: Activation.Sigmoid);
        var options = new AutoencoderTrainingOptions
        {
            Epochs = epochs, BatchSize = 32, ValidationFraction = 0.1f, Seed = 1,
            Progress = quiet ? null : new Progress<EpochProgress>(epoch =>
                Console.Error.WriteLine($"  epoch {epoch.Epoch}/{epoch.EpochCount} on {patches.Rows} patches: loss {epoch.TrainingLoss:G4}, validation {epoch.ValidationLoss:G4}")),
        };
        using var model = new AutoencoderTrainer(options).Fit(spec, patches).Model;

        var scores = new float[test.Length];
        var maps = new float[test.Length][];
        for (var row = 0; row < test.Length; row++)
        {
            var image = test[row];
            var rebuilt = model.Reconstruct(FeatureMatrix.FromRows(corners.Select(corner => Cut(image, shape, size, corner)).ToList()));
            var (sum, count) = (new float[image.Length], new float[image.Length]);
            for (var patch = 0; patch < corners.Count; patch++)
            {
                var original = Cut(image, shape, size, corners[patch]);
                var values = rebuilt.Row(patch);
                var error = 0.0;
                for (var i = 0; i < values.Length; i++)
                {
                    error += (original[i] - values[i]) * (original[i] - values[i]);
                }

                scores[row] = Math.Max(scores[row], (float)(error / values.Length));
                Paste(values, sum, count, shape, size, corners[patch]);
            }

            var errors = image.Select((value, i) => (value - sum[i] / count[i]) * (value - sum[i] / count[i])).ToArray();
            maps[row] = VisualInspection.Smoothed(VisualInspection.ChannelMean(errors, shape), shape.Height, shape.Width, sigma);
        }

        return (scores, maps);
    }

    /// <summary>The patches' top-left corners: every half patch, and the last row and column against the edge, so that every pixel is covered.</summary>
    private static List<(int Y, int X)> Corners(ImageShape shape, int size)
    {
        static List<int> Starts(int length, int size)
        {
            var starts = Enumerable.Range(0, (length - size) / Math.Max(1, size / 2) + 1).Select(i => i * Math.Max(1, size / 2)).ToList();
            if (starts[^1] != length - size)
            {
                starts.Add(length - size);
            }

            return starts;
        }

        return Starts(shape.Height, size).SelectMany(y => Starts(shape.Width, size).Select(x => (y, x))).ToList();
    }

    private static float[] Cut(float[] image, ImageShape shape, int size, (int Y, int X) corner)
    {
        var patch = new float[shape.Channels * size * size];
        for (var channel = 0; channel < shape.Channels; channel++)
        {
            for (var y = 0; y < size; y++)
            {
                Array.Copy(image, (channel * shape.Height + corner.Y + y) * shape.Width + corner.X, patch, (channel * size + y) * size, size);
            }
        }

        return patch;
    }

    private static void Paste(ReadOnlySpan<float> patch, float[] sum, float[] count, ImageShape shape, int size, (int Y, int X) corner)
    {
        for (var channel = 0; channel < shape.Channels; channel++)
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var at = (channel * shape.Height + corner.Y + y) * shape.Width + corner.X + x;
                    sum[at] += patch[(channel * size + y) * size + x];
                    count[at]++;
                }
            }
        }
    }
}
