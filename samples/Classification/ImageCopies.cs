using Microsoft.ML.Data;

/// <summary>
/// The labelled images each method learns from, with copies: every image shifted by one pixel left,
/// right, up and down (the edge filled with 0), and the mirror images of all five, 10 rows per image.
/// </summary>
internal static class ImageCopies
{
    /// <summary>The rows with their nine copies each, the copies keeping the original's label and image number.</summary>
    public static List<LabelledImage> Of(IEnumerable<LabelledImage> rows, int side) =>
        rows.SelectMany(row =>
        {
            IEnumerable<float[]> shifted = [row.Features, Shift(row.Features, side, 1, 0), Shift(row.Features, side, -1, 0), Shift(row.Features, side, 0, 1), Shift(row.Features, side, 0, -1)];
            return shifted.SelectMany(image => new[] { image, Mirror(image, side) })
                .Select(image => new LabelledImage { Features = image, Label = row.Label, Image = row.Image });
        }).ToList();

    private static float[] Shift(float[] image, int side, int right, int down)
    {
        var shifted = new float[image.Length];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var (fromX, fromY) = (x - right, y - down);
                if (fromX >= 0 && fromX < side && fromY >= 0 && fromY < side)
                {
                    shifted[y * side + x] = image[fromY * side + fromX];
                }
            }
        }

        return shifted;
    }

    private static float[] Mirror(float[] image, int side)
    {
        var mirrored = new float[image.Length];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                mirrored[y * side + x] = image[y * side + side - 1 - x];
            }
        }

        return mirrored;
    }
}

/// <summary>A labelled image; its shifted and mirrored copies share its <see cref="Image"/> number.</summary>
internal sealed class LabelledImage
{
    [VectorType(FashionMnist.ImageSize)]
    public float[] Features { get; set; } = [];

    public uint Label { get; set; }

    /// <summary>The image's row in the training file, so cross-validation keeps an image and its copies in one fold.</summary>
    public float Image { get; set; }
}
