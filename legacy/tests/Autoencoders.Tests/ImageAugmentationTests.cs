using Autoencoders.Data;
using Autoencoders.Trainers;

namespace Autoencoders.Tests;

public class ImageAugmentationTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ShiftsFillWithZerosAndMirrorsEveryChannel()
    {
        // Two channels of a 2 x 3 image: 1 2 3 / 4 5 6 and 7 8 9 / 10 11 12.
        var images = new FeatureMatrix([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 12);
        var shape = new ImageShape(2, 2, 3);
        Assert.Equal([0f, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11], ImageAugmentation.Shift(images, shape, 1, 0).Values.ToArray());
        Assert.Equal([4f, 5, 6, 0, 0, 0, 10, 11, 12, 0, 0, 0], ImageAugmentation.Shift(images, shape, 0, -1).Values.ToArray());
        Assert.Equal([3f, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10], ImageAugmentation.Mirror(images, shape).Values.ToArray());
        Assert.Throws<ArgumentException>(() => ImageAugmentation.Mirror(images, new ImageShape(1, 2, 3)));
    }

    [Fact]
    public void AugmentImagesKeepsTheRowsFirstAndAddsShiftedAndMirroredCopiesWithTheirLabels()
    {
        var shape = new ImageShape(1, 3, 3);
        var rows = new[] { new LabelledImage { Label = 4, Pixels = [1, 2, 3, 4, 5, 6, 7, 8, 9] }, new LabelledImage { Label = 7, Pixels = [9, 8, 7, 6, 5, 4, 3, 2, 1] } };
        var augmented = _ml.Data.AugmentImages(_ml.Data.LoadFromEnumerable(rows), "Pixels", shape);

        Assert.Equal("Label: Int32, Pixels: Vector<Single, 9>", augmented.Schema.ToString());
        var back = _ml.Data.CreateEnumerable<LabelledImage>(augmented, reuseRowObject: false).ToList();
        Assert.Equal(20, back.Count);
        Assert.Equal(Enumerable.Repeat(new[] { 4, 7 }, 10).SelectMany(pair => pair), back.Select(row => row.Label));
        Assert.Equal(rows[0].Pixels, back[0].Pixels);
        Assert.Equal(rows[1].Pixels, back[1].Pixels);
        var first = new FeatureMatrix(rows[0].Pixels, 9);
        var expected = new[] { (1, 0), (-1, 0), (0, 1), (0, -1) }.Select(step => ImageAugmentation.Shift(first, shape, step.Item1, step.Item2)).Prepend(first).ToList();
        expected.AddRange(expected.Select(image => ImageAugmentation.Mirror(image, shape)).ToList());
        Assert.Equal(expected.Select(image => image.Values.ToArray()), back.Where(row => row.Label == 4).Select(row => row.Pixels));

        Assert.Equal(10, _ml.Data.AugmentImages(_ml.Data.LoadFromEnumerable(rows), "Pixels", shape, mirror: false).GetRowCount());
        Assert.Equal(36, _ml.Data.AugmentImages(_ml.Data.LoadFromEnumerable(rows), "Pixels", shape, maximumShift: 2).GetRowCount());
        Assert.Equal(rows.Select(row => row.Pixels), _ml.Data.CreateEnumerable<LabelledImage>(
            _ml.Data.AugmentImages(_ml.Data.LoadFromEnumerable(rows), "Pixels", shape, maximumShift: 0, mirror: false), false).Select(row => row.Pixels));
    }

    [Fact]
    public void AugmentImagesRefusesAShapeOrShiftThatDoesNotFit()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new LabelledImage { Pixels = new float[9] } });
        Assert.Contains("holds 4 values but column 'Pixels' has 9",
            Assert.Throws<ArgumentException>(() => _ml.Data.AugmentImages(data, "Pixels", new ImageShape(1, 2, 2))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.AugmentImages(data, "Pixels", new ImageShape(1, 3, 3), maximumShift: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.AugmentImages(data, "Pixels", new ImageShape(1, 3, 3), maximumShift: -1));
        Assert.Contains("not in the data", Assert.Throws<ArgumentException>(() => _ml.Data.AugmentImages(data, "Image", new ImageShape(1, 3, 3))).Message);
        Assert.Contains("must be Single or a vector of Single", Assert.Throws<ArgumentException>(() => _ml.Data.AugmentImages(data, "Label", new ImageShape(1, 1, 1))).Message);
    }

    private sealed class LabelledImage
    {
        public int Label { get; set; }

        [VectorType(9)]
        public float[] Pixels { get; set; } = [];
    }

    [Fact]
    public void AugmentingIsLazyEachCopyAPassOverTheSource()
    {
        var data = new CountingDataView(100, width: 4);
        var augmented = _ml.Data.AugmentImages(data, "Features", new ImageShape(1, 2, 2));
        Assert.Equal(0, data.RowsPulled);
        Assert.Equal(1000, augmented.GetRowCount());

        var names = augmented.GetColumn<string>("Name").ToArray();
        Assert.Equal(1000, data.RowsPulled);
        Assert.Equal(0, data.FeatureReads);
        Assert.Equal(Enumerable.Repeat(Enumerable.Range(0, 100).Select(i => $"row {i}"), 10).SelectMany(copy => copy), names);
    }
}
