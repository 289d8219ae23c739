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
        var filled = 0;
        foreach (var (source, row) in PaddedRows(chunks, columns, rows, paddedRows))
        {
            source.Row(row).CopyTo(buffer.AsSpan(filled * columns, columns));
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

    /// <summary>
    /// Where each row of the padded pass is: the pass's own rows, then its first rows again (cycled
    /// when the pass has fewer rows than the padding needs). A chunk's row must be read before the next one is asked for.
    /// </summary>
    private static IEnumerable<(FeatureMatrix Source, int Row)> PaddedRows(IEnumerable<FeatureMatrix> chunks, int columns, long rows, long paddedRows)
    {
        var first = new float[checked((int)Math.Min(rows, paddedRows - rows) * columns)];
        long written = 0;
        foreach (var chunk in chunks)
        {
            for (var row = 0; row < chunk.Rows; row++)
            {
                if (written == rows)
                {
                    throw new InvalidOperationException($"A shard's pass gave more rows than the {rows} its first pass counted.");
                }

                if (written * columns < first.Length)
                {
                    chunk.Row(row).CopyTo(first.AsSpan((int)written * columns, columns));
                }

                written++;
                yield return (chunk, row);
            }
        }

        if (written != rows)
        {
            throw new InvalidOperationException($"A shard's pass gave {written} rows where its first pass counted {rows}.");
        }

        var firstRows = new FeatureMatrix(first, columns, checkedAllowingMissing: false);
        for (long padding = 0; padding < paddedRows - rows; padding++)
        {
            yield return (firstRows, (int)(padding % firstRows.Rows));
        }
    }
}
