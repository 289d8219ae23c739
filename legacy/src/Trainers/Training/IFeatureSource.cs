namespace Autoencoders.Trainers;

/// <summary>
/// Rows for training that are read pass by pass, in chunks, instead of held in one matrix: how a
/// data set larger than memory is trained on. A <see cref="FeatureMatrix"/> is a source of one chunk.
/// </summary>
public interface IFeatureSource
{
    /// <summary>Values per row.</summary>
    int Columns { get; }

    /// <summary>The name error messages give these rows (a column name).</summary>
    string Name { get; }

    /// <summary>
    /// One pass over the rows in chunks of whole rows. <paramref name="pass"/> counts the passes
    /// (0 for the first) so that a shuffling source can draw a new order each time, reproducibly.
    /// Every chunk but the last should hold a multiple of the batch size, so that only the pass's
    /// last batch can be short.
    /// </summary>
    IEnumerable<FeatureMatrix> ReadChunks(int pass);

    /// <summary>Rows per chunk before rounding to whole batches.</summary>
    private const int TargetChunkRows = 4096;

    /// <summary>The rows the library's own sources put in a chunk for <paramref name="batchSize"/>: whole batches, about <see cref="TargetChunkRows"/> rows.</summary>
    internal static int ChunkRows(int batchSize) => Math.Max(1, TargetChunkRows / Math.Max(1, batchSize)) * Math.Max(1, batchSize);
}
