namespace Autoencoders.Cli;

/// <summary>The highest-scoring rows of a stream, keeping no more than <paramref name="capacity"/> of them in memory.</summary>
internal sealed class HighestScoringRows(int capacity)
{
    private readonly PriorityQueue<ScoredRow, float> _kept = new();

    /// <summary>Considers <paramref name="row"/>.</summary>
    public void Add(ScoredRow row)
    {
        _kept.Enqueue(row, row.Score);
        if (_kept.Count > capacity)
        {
            _kept.Dequeue();
        }
    }

    /// <summary>The rows kept, highest score first.</summary>
    public IReadOnlyList<ScoredRow> HighestFirst() => _kept.UnorderedItems.Select(item => item.Element).OrderByDescending(row => row.Score).ToList();
}
