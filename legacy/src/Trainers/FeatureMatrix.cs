using System.Runtime.InteropServices;

namespace Autoencoders.Trainers;

/// <summary>
/// Rows of equal width stored as one contiguous row-major float block: the form in which data
/// crosses to the native engine, in one piece per call.
/// </summary>
public sealed class FeatureMatrix : IFeatureSource
{
    private readonly ReadOnlyMemory<float> _values;

    /// <summary>Null until a check that the library made when it built the matrix: then whether that check allowed NaN.</summary>
    private readonly bool? _checkedAllowingMissing;

    /// <summary>Wraps <paramref name="values"/> (not copied) as rows of <paramref name="columns"/> values.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of rows.</exception>
    public FeatureMatrix(float[] values, int columns) : this((ReadOnlyMemory<float>)(values ?? throw new ArgumentNullException(nameof(values))), columns)
    {
    }

    /// <summary>
    /// Wraps <paramref name="values"/> (not copied) as rows of <paramref name="columns"/> values.
    /// <paramref name="checkedAllowingMissing"/> says the library has already checked them (allowing
    /// NaN or not), so that the engine does not check the same values again.
    /// </summary>
    internal FeatureMatrix(ReadOnlyMemory<float> values, int columns, bool? checkedAllowingMissing = null)
    {
        _checkedAllowingMissing = checkedAllowingMissing;
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (values.Length % columns != 0)
        {
            throw new ArgumentException($"{values.Length} values are not a whole number of rows of {columns}.", nameof(values));
        }

        _values = values;
        Columns = columns;
        Rows = values.Length / columns;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Values per row.</summary>
    public int Columns { get; }

    /// <summary>All values, row after row.</summary>
    public ReadOnlySpan<float> Values => _values.Span;

    /// <summary>The values of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => _values.Span.Slice(checked(row * Columns), Columns);

    /// <summary>Stacks equal-width rows into one matrix (copying them).</summary>
    /// <exception cref="ArgumentException">There are no rows, or they differ in width.</exception>
    public static FeatureMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(rows));
        }

        var columns = rows[0]?.Length ?? 0;
        var values = new float[checked(rows.Count * columns)];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null || rows[i].Length != columns)
            {
                throw new ArgumentException($"Row {i} has {rows[i]?.Length ?? 0} values but row 0 has {columns}.", nameof(rows));
            }

            rows[i].CopyTo(values, i * columns);
        }

        return new FeatureMatrix(values, columns);
    }

    /// <summary>The smallest and largest value.</summary>
    public (float Min, float Max) Range()
    {
        if (_values.Length == 0)
        {
            return (0f, 0f);
        }

        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var value in _values.Span)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return (min, max);
    }

    /// <summary>A new matrix of the given rows, in the given order.</summary>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var values = new float[checked(rowIndices.Count * Columns)];
        for (var i = 0; i < rowIndices.Count; i++)
        {
            Row(rowIndices[i]).CopyTo(values.AsSpan(i * Columns, Columns));
        }

        return new FeatureMatrix(values, Columns);
    }

    /// <summary>Throws when a value is NaN or infinite, naming the row, the column and the index.</summary>
    /// <param name="columnName">The name the message uses for this data.</param>
    /// <param name="allowMissing">Whether NaN, a missing value (as XGBoost reads it), is allowed; infinities never are.</param>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public void EnsureFinite(string columnName = "Features", bool allowMissing = false) => EnsureFinite(columnName, firstRow: 0, allowMissing);

    /// <summary>As <see cref="EnsureFinite(string, bool)"/>, rows numbered from <paramref name="firstRow"/>; nothing to do when the library checked them as it built the matrix.</summary>
    internal void EnsureFinite(string columnName, long firstRow, bool allowMissing)
    {
        if (!IsChecked(allowMissing)) EnsureFinite(Values, Columns, columnName, firstRow, allowMissing);
    }

    /// <summary>Whether the library checked these values when it built the matrix, at least as strictly as <paramref name="allowMissing"/> asks.</summary>
    internal bool IsChecked(bool allowMissing) => _checkedAllowingMissing is { } allowed && (allowMissing || !allowed);

    /// <summary>The finite check of <see cref="EnsureFinite(string, bool)"/> on a span of rows, the first of which is row <paramref name="firstRow"/>.</summary>
    internal static void EnsureFinite(ReadOnlySpan<float> values, int columns, string columnName, long firstRow = 0, bool allowMissing = false)
    {
        var at = FindNonFinite(values, allowMissing);
        if (at >= 0)
        {
            throw new ArgumentException($"{DescribeValue(values, at, columns, columnName, firstRow)}.", columnName);
        }
    }

    /// <summary>The index of the first value that is infinite, or NaN unless <paramref name="allowMissing"/>; -1 when there is none.</summary>
    internal static int FindNonFinite(ReadOnlySpan<float> values, bool allowMissing)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]) && !(allowMissing && float.IsNaN(values[i])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"Row r of column 'c' has NaN at index k" for value <paramref name="at"/> of rows starting at row <paramref name="firstRow"/>.</summary>
    internal static string DescribeValue(ReadOnlySpan<float> values, int at, int columns, string columnName, long firstRow)
    {
        var what = float.IsNaN(values[at]) ? "NaN" : values[at] > 0 ? "+Infinity" : "-Infinity";
        return $"Row {firstRow + at / columns} of column '{columnName}' has {what} at index {at % columns}";
    }

    string IFeatureSource.Name => "Features";

    IEnumerable<FeatureMatrix> IFeatureSource.ReadChunks(int pass) => [this];

    /// <summary>The values as an array: the wrapped one when it holds exactly them, else a copy.</summary>
    internal float[] Array =>
        MemoryMarshal.TryGetArray(_values, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : _values.ToArray();
}
