using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// The two views of a row that semi-supervised training compares, drawn afresh on every call. For
/// image rows, the weak view moves each image by up to <see cref="SemiSupervisedTrainingOptions.MaximumShift"/>
/// pixels each way (the edge filled with 0) and, with <see cref="SemiSupervisedTrainingOptions.Mirror"/>,
/// mirrors half of them; the strong view adds a blanked square (cutout), half the smaller side wide, and blanks
/// a <see cref="SemiSupervisedTrainingOptions.StrongMasking"/> share of the values. Other rows have no weak
/// change, and the strong view blanks that share of the values.
/// </summary>
internal sealed class Augmentation : IDisposable
{
    private readonly SemiSupervisedTrainingOptions _options;

    /// <summary>Row k holds, for each value of a row moved and mirrored the k-th way, the position it comes from; the row's width where it comes from outside the image.</summary>
    private readonly Tensor? _moves;

    /// <summary>Each value's pixel row and column in its image, as two (1, values) rows.</summary>
    private readonly (Tensor Y, Tensor X)? _coordinates;

    public Augmentation(SemiSupervisedTrainingOptions options)
    {
        _options = options;
        if (options.ImageShape is not { } shape)
        {
            return;
        }

        using var scope = NewDisposeScope();
        var (channels, height, width) = (shape.Channels, shape.Height, shape.Width);
        var shift = options.MaximumShift;
        var sources = new List<long[]>();
        foreach (var mirrored in options.Mirror ? new[] { false, true } : [false])
        {
            for (var dy = -shift; dy <= shift; dy++)
            {
                for (var dx = -shift; dx <= shift; dx++)
                {
                    var source = new long[shape.Size];
                    for (var c = 0; c < channels; c++)
                    {
                        for (var y = 0; y < height; y++)
                        {
                            for (var x = 0; x < width; x++)
                            {
                                var (fromY, fromX) = (y - dy, (mirrored ? width - 1 - x : x) - dx);
                                source[(c * height + y) * width + x] = fromY >= 0 && fromY < height && fromX >= 0 && fromX < width
                                    ? (c * height + fromY) * width + fromX
                                    : shape.Size;
                            }
                        }
                    }

                    sources.Add(source);
                }
            }
        }

        _moves = stack(sources.Select(source => tensor(source))).DetachFromDisposeScope();
        var pixels = Enumerable.Range(0, shape.Size).Select(value => value % (height * width)).ToArray();
        _coordinates = (tensor(pixels.Select(pixel => (long)(pixel / width)).ToArray()).unsqueeze(0).DetachFromDisposeScope(),
            tensor(pixels.Select(pixel => (long)(pixel % width)).ToArray()).unsqueeze(0).DetachFromDisposeScope());
    }

    /// <summary>The weak view of each row of <paramref name="rows"/>.</summary>
    public Tensor Weak(Tensor rows, Generator generator)
    {
        if (_moves is null)
        {
            return rows;
        }

        var way = randint(0, _moves.shape[0], [rows.shape[0]], generator: generator);
        var padded = cat([rows, zeros(rows.shape[0], 1)], 1);
        return padded.gather(1, _moves.index_select(0, way));
    }

    /// <summary>The strong view of each row of <paramref name="rows"/>: its weak view, cut out (images) and masked.</summary>
    public Tensor Strong(Tensor rows, Generator generator)
    {
        var view = Weak(rows, generator);
        if (_coordinates is { } coordinates && _options.ImageShape is { } shape)
        {
            var count = rows.shape[0];
            var half = Math.Max(1, Math.Min(shape.Height, shape.Width) / 4);
            var centreY = randint(0, shape.Height, [count, 1], generator: generator);
            var centreX = randint(0, shape.Width, [count, 1], generator: generator);
            var inside = (coordinates.Y - centreY).abs().IsBelow(half).logical_and((coordinates.X - centreX).abs().IsBelow(half));
            view = view * inside.logical_not();
        }

        return _options.StrongMasking > 0f
            ? view * empty_like(view).bernoulli_(1.0 - _options.StrongMasking, generator)
            : view;
    }

    public void Dispose()
    {
        _moves?.Dispose();
        _coordinates?.Y.Dispose();
        _coordinates?.X.Dispose();
    }
}
