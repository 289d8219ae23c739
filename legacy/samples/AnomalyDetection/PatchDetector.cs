using Autoencoders;
using Autoencoders.Trainers;

/// <summary>
/// Visual inspection a patch at a time, for images too large to learn whole at the working size: a
/// convolutional autoencoder learns the overlapping square patches of the good images
/// (<see cref="ImagePatches"/>); a test image's reconstruction is its patches' reconstructions put
/// back together, its map is drawn from that, and its score is its worst patch's mean squared
/// error, so a small defect is not averaged away over the whole image. Uses the engine directly:
/// the pipeline's detector learns one row per image, and a patch is a row here.
/// </summary>
internal static class PatchDetector
{
    public static (float[] Scores, float[][] Maps, IReadOnlyList<EpochProgress> History) Run(float[][] training, float[][] test, ImageShape shape, int size,
        int stride, int epochs, bool structuralDissimilarity, float sigma, EpochProgressDisplay display)
    {
        var patches = ImagePatches.Split(FeatureMatrix.FromRows(training), shape, size, stride);
        var spec = new ConvolutionalAutoencoderSpec(shape.Channels, size, size, VisualInspection.LatentDimension,
            ConvolutionalAutoencoderSpec.DefaultConvolutionsFor(size, size), outputActivation: Activation.Sigmoid);
        var result = display.Run($"autoencoder on {patches.Rows} patches", (progress, batches) =>
            new AutoencoderTrainer(new AutoencoderTrainingOptions { Epochs = epochs, BatchSize = 32, ValidationFraction = 0.1f, Seed = 1, Progress = progress, BatchProgress = batches })
                .Fit(spec, patches));
        using var model = result.Model;

        var scores = new float[test.Length];
        var maps = new float[test.Length][];
        for (var row = 0; row < test.Length; row++)
        {
            var imagePatches = ImagePatches.Split(FeatureMatrix.FromRows([test[row]]), shape, size, stride);
            var reconstructedPatches = model.Reconstruct(imagePatches);
            scores[row] = Enumerable.Range(0, imagePatches.Rows).Max(patch => MeanSquaredError(imagePatches.Row(patch), reconstructedPatches.Row(patch)));
            var reconstruction = ImagePatches.Stitch(reconstructedPatches, shape, size, stride);
            var map = new float[shape.Height * shape.Width];
            if (structuralDissimilarity)
            {
                ImageProcessing.StructuralDissimilarity(test[row], reconstruction, shape, map);
            }
            else
            {
                var errors = test[row].Zip(reconstruction, (value, rebuilt) => (value - rebuilt) * (value - rebuilt)).ToArray();
                ImageProcessing.ErrorMap(errors, shape, map, sigma);
            }

            maps[row] = map;
        }

        return (scores, maps, result.History);
    }

    private static float MeanSquaredError(ReadOnlySpan<float> values, ReadOnlySpan<float> reconstruction)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += (values[i] - reconstruction[i]) * (values[i] - reconstruction[i]);
        }

        return (float)(sum / values.Length);
    }
}
