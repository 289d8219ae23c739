namespace Autoencoders.Trainers;

/// <summary>
/// Makes one rank's pass over its shard as long as every other rank's, as PyTorch's
/// DistributedSampler pads: the rows are copied into chunks of a fixed size, and after the last row
/// the pass's first rows are repeated until it holds the padded count. Ranks whose passes hold as
/// many rows in chunks of one size run as many batches, which the gradient all-reduce of every
/// step needs.
/// </summary>
internal static class ShardPadding
{
    /// <summary>
    /// <paramref name="chunks"/>, a pass over <paramref name="rows"/> rows, re-cut into chunks of
    /// <paramref name="chunkRows"/> rows (the last one shorter) and padded to
    /// <paramref name="paddedRows"/> rows. Each chunk given is valid until the next one is read.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pass did not hold <paramref name="rows"/> rows.</exception>
    public static IEnumerable<FeatureMatrix> Pad(IEnumerable<FeatureMatrix> chunks, int columns, long rows, long paddedRows, int chunkRows)
    {
        if (rows < 1 || rows > paddedRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"A shard of {rows} rows cannot be padded to {paddedRows}.");
        }

        var size = (int)Math.Min(chunkRows, paddedRows);
        var buffer = new float[checked(size * columns)];
        var keep = Math.Min(rows, paddedRows - rows) * columns;
        var first = new List<float>();
        long written = 0;
        var filled = 0;
        foreach (var chunk in chunks)
        {
            for (var row = 0; row < chunk.Rows; row++)
            {
                if (written == rows)
                {
                    throw new InvalidOperationException($"A shard's pass gave more rows than the {rows} its first pass counted.");
                }

                var values = chunk.Row(row);
                if (first.Count < keep)
                {
                    first.AddRange(values);
                }

                values.CopyTo(buffer.AsSpan(filled * columns, columns));
                written++;
                if (++filled == size)
                {
                    yield return new FeatureMatrix(buffer, columns, checkedAllowingMissing: false);
                    filled = 0;
                }
            }
        }

        if (written != rows)
        {
            throw new InvalidOperationException($"A shard's pass gave {written} rows where its first pass counted {rows}.");
        }

        for (var repeat = 0; written < paddedRows; repeat = (repeat + 1) % (int)(keep / columns))
        {
            first.CopyTo(repeat * columns, buffer, filled * columns, columns);
            written++;
            if (++filled == size)
            {
                yield return new FeatureMatrix(buffer, columns, checkedAllowingMissing: false);
                filled = 0;
            }
        }

        if (filled > 0)
        {
            yield return new FeatureMatrix(buffer.AsMemory(0, filled * columns), columns, checkedAllowingMissing: false);
        }
    }
}
