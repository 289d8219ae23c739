using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>One row as a detector scored it: its position, identifier values, score, decision, per-feature errors and, when read, its label.</summary>
internal sealed record ScoredRow(long Row, string[] Identifiers, float Score, bool Flagged, float[] Errors, bool? IsAnomaly);

/// <summary>
/// Streams the rows of a file through a saved detector: <see cref="Rows"/> reads one row at a time,
/// so a file of any length is scored in constant memory.
/// </summary>
internal sealed class ScoredRows
{
    private readonly IDataView _scored;
    private readonly DataViewSchema.Column[] _identifiers;
    private readonly DataViewSchema.Column? _contributions;
    private readonly DataViewSchema.Column? _label;
    private readonly (int Height, int Width)? _imageSize;
    private readonly IReadOnlyList<string> _featureNames;

    /// <summary>
    /// Scores <paramref name="data"/> with <paramref name="detector"/>, whose input schema names the
    /// identifier (text) columns; <paramref name="labelColumn"/>, when given, is read into <see cref="ScoredRow.IsAnomaly"/>.
    /// </summary>
    public ScoredRows(SavedDetector detector, IDataView data, string? labelColumn = null)
    {
        var inputSchema = detector.InputSchema;
        _scored = detector.Model.Transform(data);
        _label = labelColumn is null ? null : _scored.Schema[labelColumn];
        _identifiers = _scored.Schema.Where(column => column.Type is TextDataViewType && inputSchema.GetColumnOrNull(column.Name) is not null).ToArray();
        _contributions = _scored.Schema.GetColumnOrNull(TrainCommand.ContributionsColumn);
        _imageSize = detector.ImageSize;
        // train concatenates the file's Single columns, in order, into the features.
        _featureNames = _contributions is null ? [] : inputSchema.Where(column => column.Type == NumberDataViewType.Single).Select(column => column.Name).ToArray();
    }

    /// <summary>The identifier columns' names, in the order of <see cref="ScoredRow.Identifiers"/>.</summary>
    public IReadOnlyList<string> IdentifierNames => _identifiers.Select(column => column.Name).ToArray();

    /// <summary>The most <see cref="LargestContributions"/> a row has: one per feature, or one region of an image; none when the model adds no per-feature errors.</summary>
    public int ContributionCount => _contributions is null ? 0 : _imageSize is null ? _featureNames.Count : 1;

    /// <summary>
    /// What drives <paramref name="row"/>'s score, largest first, each with its share of the row's
    /// total error: its <paramref name="count"/> features with the largest errors; for an image, the
    /// square around the pixel of largest error (summed over channels), an eighth of the image's longer side wide.
    /// </summary>
    public IEnumerable<(string Feature, float Share)> LargestContributions(ScoredRow row, int count)
    {
        var errors = row.Errors;
        var total = errors.Sum();
        if (_imageSize is not { } size)
        {
            return Enumerable.Range(0, errors.Length).OrderByDescending(i => errors[i]).Take(Math.Min(count, ContributionCount))
                .Select(i => (_featureNames[i], total > 0 ? errors[i] / total : 0f));
        }

        if (count == 0 || errors.Length == 0)
        {
            return [];
        }

        var pixels = size.Height * size.Width;
        var map = new float[pixels];
        for (var i = 0; i < errors.Length; i++)
        {
            map[i % pixels] += errors[i];
        }

        var worst = Array.IndexOf(map, map.Max());
        var (y, x, radius) = (worst / size.Width, worst % size.Width, Math.Max(size.Height, size.Width) / 16);
        var region = 0f;
        for (var dy = Math.Max(0, y - radius); dy <= Math.Min(size.Height - 1, y + radius); dy++)
        {
            for (var dx = Math.Max(0, x - radius); dx <= Math.Min(size.Width - 1, x + radius); dx++)
            {
                region += map[dy * size.Width + dx];
            }
        }

        return [($"region at x {x}, y {y} of {size.Width} x {size.Height}", total > 0 ? region / total : 0f)];
    }

    /// <summary>The scored rows, one at a time.</summary>
    public IEnumerable<ScoredRow> Rows()
    {
        var (score, flagged) = (_scored.Schema[AutoencoderAnomalyPredictionTransformer.ScoreColumnName], _scored.Schema[AutoencoderAnomalyPredictionTransformer.PredictedLabelColumnName]);
        var needed = _identifiers.Append(score).Append(flagged).ToList();
        needed.AddRange(new[] { _contributions, _label }.OfType<DataViewSchema.Column>());

        using var cursor = _scored.GetRowCursor(needed);
        var identifierGetters = _identifiers.Select(cursor.GetGetter<ReadOnlyMemory<char>>).ToArray();
        var scoreGetter = cursor.GetGetter<float>(score);
        var flaggedGetter = cursor.GetGetter<bool>(flagged);
        var contributionsGetter = _contributions is { } contributions ? cursor.GetGetter<VBuffer<float>>(contributions) : null;
        var labelGetter = _label is { } label ? cursor.GetGetter<bool>(label) : null;
        var (text, value, isFlagged, errors, isAnomaly) = (default(ReadOnlyMemory<char>), 0f, false, default(VBuffer<float>), false);
        while (cursor.MoveNext())
        {
            var identifiers = identifierGetters.Select(getter =>
            {
                getter(ref text);
                return text.ToString();
            }).ToArray();
            scoreGetter(ref value);
            flaggedGetter(ref isFlagged);
            contributionsGetter?.Invoke(ref errors);
            labelGetter?.Invoke(ref isAnomaly);
            yield return new ScoredRow(cursor.Position, identifiers, value, isFlagged, contributionsGetter is null ? [] : errors.DenseValues().ToArray(),
                labelGetter is null ? null : isAnomaly);
        }
    }
}
