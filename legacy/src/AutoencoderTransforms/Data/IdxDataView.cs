namespace Autoencoders.Data;

/// <summary>
/// An IDX image file and its label file read as they are enumerated: each cursor opens the files
/// it needs (the labels alone when only they are asked for), converts a block of images at a time
/// to pixels in [0, 1], and closes them when disposed.
/// </summary>
internal sealed class IdxDataView : BlockDataView
{
    private readonly string _imagesPath;
    private readonly string _labelsPath;
    private readonly long _rows;
    private readonly int _pixels;

    public IdxDataView(string imagesPath, string labelsPath, string featureColumnName, string labelColumnName)
    {
        var (images, imageStream) = IdxReader.Open(imagesPath, expectedDimensions: 3);
        imageStream.Dispose();
        var (labels, labelStream) = IdxReader.Open(labelsPath, expectedDimensions: 1);
        labelStream.Dispose();
        if (labels[0] != images[0])
        {
            throw new InvalidDataException($"'{imagesPath}' has {images[0]} images but '{labelsPath}' has {labels[0]} labels.");
        }

        (_imagesPath, _labelsPath, _rows, _pixels) = (imagesPath, labelsPath, images[0], IdxReader.RowBytes(images));
        Schema = new DataViewSchema([(featureColumnName, new VectorDataViewType(_pixels)), (labelColumnName, NumberDataViewType.Int32)]);
    }

    public override DataViewSchema Schema { get; }

    public override bool CanShuffle => false;

    public override long? GetRowCount() => _rows;

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        var buffer = new BlockBuffer(active, (int)Math.Clamp(_rows, 1, maxBlockRows));
        var images = buffer.Active[0] ? IdxReader.Open(_imagesPath, expectedDimensions: 3).Data : null;
        try
        {
            var labels = buffer.Active[1] ? IdxReader.Open(_labelsPath, expectedDimensions: 1).Data : null;
            return new Cursor(this, buffer, images, labels);
        }
        catch
        {
            images?.Dispose();
            throw;
        }
    }

    private sealed class Cursor(IdxDataView view, BlockBuffer buffer, Stream? images, Stream? labels) : BufferedBlockCursor(buffer)
    {
        private readonly byte[] _bytes = new byte[buffer.Capacity * (images is null ? 1 : view._pixels)];
        private long _read;

        protected override void Fill()
        {
            var rows = (int)Math.Min(Buffer.Capacity, view._rows - _read);
            if (rows == 0) return;
            if (images is not null)
            {
                var bytes = _bytes.AsSpan(0, rows * view._pixels);
                IdxReader.ReadExactly(images, bytes, view._imagesPath);
                var pixels = Buffer.Column<float>(0);
                for (var i = 0; i < bytes.Length; i++)
                {
                    pixels[i] = bytes[i] / 255f;
                }
            }

            if (labels is not null)
            {
                var bytes = _bytes.AsSpan(0, rows);
                IdxReader.ReadExactly(labels, bytes, view._labelsPath);
                var classes = Buffer.Column<int>(1);
                for (var i = 0; i < rows; i++)
                {
                    classes[i] = bytes[i];
                }
            }

            _read += rows;
            Buffer.Count = rows;
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            images?.Dispose();
            labels?.Dispose();
        }
    }
}
