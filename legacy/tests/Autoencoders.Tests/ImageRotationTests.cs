using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class ImageRotationTests
{
    [Fact]
    public void TurnsCounterClockwiseEveryChannelAndFourTurnsGiveTheImageBack()
    {
        // Two channels of a 2 x 2 image: a b / c d and e f / g h.
        var images = new FeatureMatrix([1, 2, 3, 4, 5, 6, 7, 8], 8);
        var shape = new ImageShape(2, 2, 2);
        Assert.Equal([2f, 4, 1, 3, 6, 8, 5, 7], ImageRotation.QuarterTurns(images, shape, 1).Values.ToArray());
        Assert.Equal([4f, 3, 2, 1, 8, 7, 6, 5], ImageRotation.QuarterTurns(images, shape, 2).Values.ToArray());
        Assert.Equal(ImageRotation.QuarterTurns(images, shape, 3).Values.ToArray(), ImageRotation.QuarterTurns(images, shape, -1).Values.ToArray());
        var fourTimes = images;
        for (var i = 0; i < 4; i++) fourTimes = ImageRotation.QuarterTurns(fourTimes, shape, 1);
        Assert.Equal(images.Values.ToArray(), fourTimes.Values.ToArray());
    }

    [Fact]
    public void RefusesImagesThatAreNotSquareOrNotTheRowWidth()
    {
        var images = new FeatureMatrix(new float[8], 8);
        Assert.Throws<ArgumentException>(() => ImageRotation.QuarterTurns(images, new ImageShape(1, 2, 4), 1));
        Assert.Throws<ArgumentException>(() => ImageRotation.QuarterTurns(images, new ImageShape(1, 2, 2), 1));
    }
}
