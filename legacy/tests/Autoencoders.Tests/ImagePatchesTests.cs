using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class ImagePatchesTests
{
    [Fact]
    public void CornersStepByTheStrideAndEndFlushWithTheEdges()
    {
        Assert.Equal([(0, 0), (0, 2), (1, 0), (1, 2)], ImagePatches.Corners(height: 5, width: 6, size: 4, stride: 2));
        Assert.Equal([(0, 0), (0, 4)], ImagePatches.Corners(height: 4, width: 8, size: 4, stride: 4));
        Assert.Equal([(0, 0)], ImagePatches.Corners(height: 3, width: 3, size: 3, stride: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePatches.Corners(3, 8, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImagePatches.Corners(8, 8, 4, 0));
    }

    [Fact]
    public void SplitCopiesEachChannelsSquareAndStitchAveragesThemBack()
    {
        // Two images of two channels of 5 x 6; value = image x 1000 + channel x 100 + row x 10 + column.
        var shape = new ImageShape(2, 5, 6);
        float Value(int image, int channel, int row, int column) => image * 1000 + channel * 100 + row * 10 + column;
        var images = FeatureMatrix.FromRows(Enumerable.Range(0, 2).Select(image =>
            Enumerable.Range(0, shape.Size).Select(i => Value(image, i / 30, i % 30 / 6, i % 6)).ToArray()).ToList());

        var patches = ImagePatches.Split(images, shape, size: 4, stride: 2);
        Assert.Equal((8, 2 * 4 * 4), (patches.Rows, patches.Columns));
        // Image 1's fourth patch has its corner at (1, 2): channel 1, patch row 3, column 1 is image row 4, column 3.
        Assert.Equal(Value(1, 1, 4, 3), patches.Row(4 + 3)[16 + 3 * 4 + 1]);

        var secondImage = FeatureMatrix.FromRows(Enumerable.Range(4, 4).Select(row => patches.Row(row).ToArray()).ToList());
        Assert.Equal(images.Row(1).ToArray(), ImagePatches.Stitch(secondImage, shape, 4, 2));

        // Per-patch constants 1, 2, 3, 4: pixel (1, 2) lies in all four patches, pixel (0, 0) in the first only.
        var constants = FeatureMatrix.FromRows(Enumerable.Range(1, 4).Select(value => Enumerable.Repeat((float)value, 32).ToArray()).ToList());
        var stitched = ImagePatches.Stitch(constants, shape, 4, 2);
        Assert.Equal(1f, stitched[0]);
        Assert.Equal(2.5f, stitched[1 * 6 + 2]);
        Assert.Equal(2.5f, stitched[30 + 1 * 6 + 2]);

        Assert.Throws<ArgumentException>(() => ImagePatches.Stitch(patches, shape, 4, 2));
        Assert.Throws<ArgumentException>(() => ImagePatches.Split(images, new ImageShape(1, 5, 6), 4, 2));
    }
}
