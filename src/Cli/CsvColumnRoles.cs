using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>
/// What each column of a CSV is for, decided from every value of the column, not its first one:
/// numbers in every row make a feature; text in every row an identifier (shown beside the rows,
/// not learned from); a column with no value in any row is left out. Empty and NaN cells are missing
/// values the pipeline fills; another mark of a missing value (NA, ?), or text in a column of
/// numbers, is an error naming the line. The file is read by ML.NET's own text loader, every column
/// as text; read it for training with <see cref="Load"/>.
/// </summary>
internal sealed class CsvColumnRoles
{
    /// <summary>Marks of a missing value the text loader reads as one (NaN): the pipeline fills them with the column's mean.</summary>
    private static readonly string[] ReadAsMissing = ["", "nan"];

    /// <summary>Other common marks of a missing value, which the loader would refuse as text.</summary>
    private static readonly string[] OtherMissingMarks = ["na", "n/a", "null", "none", "?", "-"];

    private CsvColumnRoles(string[] header, int? label, int[] features, int[] identifiers, IReadOnlyList<string> notUsed, long rows)
    {
        Header = header;
        Label = label;
        Features = features;
        Identifiers = identifiers;
        NotUsed = notUsed;
        Rows = rows;
    }

    /// <summary>The header's column names.</summary>
    public string[] Header { get; }

    /// <summary>The index of the label column, when one was named.</summary>
    public int? Label { get; }

    /// <summary>Indices of the numeric columns the detector learns from.</summary>
    public int[] Features { get; }

    /// <summary>Indices of the text columns that name rows.</summary>
    public int[] Identifiers { get; }

    /// <summary>The names of the feature columns, in file order.</summary>
    public IReadOnlyList<string> FeatureNames => Features.Select(i => Header[i]).ToArray();

    /// <summary>Each column left out of the features, with why ("id: text, e.g. line 2 'M00'").</summary>
    public IReadOnlyList<string> NotUsed { get; }

    /// <summary>The number of data rows.</summary>
    public long Rows { get; }

    /// <summary>
    /// The loader's columns: each feature as a Single, each identifier as text and the label, when
    /// named, as a Boolean (1 or true = anomaly).
    /// </summary>
    public TextLoader.Column[] Columns =>
        Features.Select(i => new TextLoader.Column(Header[i], DataKind.Single, i))
            .Concat(Identifiers.Select(i => new TextLoader.Column(Header[i], DataKind.String, i)))
            .Concat(Label is { } label ? [new TextLoader.Column(Header[label], DataKind.Boolean, label)] : [])
            .ToArray();

    /// <summary>The file's rows with <see cref="Columns"/>, empty and NaN cells read as missing (NaN), not as ML.NET's default 0.</summary>
    public IDataView Load(MLContext ml, string path, char separator) => LoadCsv(ml, path, separator, Columns);

    /// <summary>How every command reads a CSV file: a header line, quoting, trimmed fields, empty numbers as NaN.</summary>
    public static IDataView LoadCsv(MLContext ml, string path, char separator, TextLoader.Column[] columns) => ml.Data.LoadFromTextFile(path, new TextLoader.Options
    {
        Separators = [separator], HasHeader = true, AllowQuoting = true, TrimWhitespace = true, MissingRealsAsNaNs = true, Columns = columns,
    });

    /// <summary>The column names of <paramref name="path"/>'s header line.</summary>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public static string[] ReadHeader(string path, char separator) =>
        (File.ReadLines(path).FirstOrDefault() ?? throw new InvalidDataException($"'{path}' is empty; it needs a header line naming its columns."))
        .Split(separator).Select(name => name.Trim().Trim('"')).ToArray();

    /// <summary>Reads <paramref name="path"/> once and decides each column's role.</summary>
    /// <param name="path">The CSV file, with a header line.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="labelColumn">The column that says which rows are anomalies, or null when there is none.</param>
    /// <param name="identifierColumns">Columns the user names as identifiers, whatever they hold.</param>
    public static CsvColumnRoles Decide(string path, char separator, string? labelColumn, IReadOnlyCollection<string> identifierColumns)
    {
        ArgumentNullException.ThrowIfNull(identifierColumns);
        var header = ReadHeader(path, separator);
        var columns = header.Select(_ => new ColumnValues()).ToArray();
        var cells = LoadCsv(new MLContext(), path, separator, header.Select((name, i) => new TextLoader.Column($"c{i}", DataKind.String, i)).ToArray());
        long rows = 0;
        using (var cursor = cells.GetRowCursor(cells.Schema))
        {
            var getters = cells.Schema.Select(cursor.GetGetter<ReadOnlyMemory<char>>).ToArray();
            var value = default(ReadOnlyMemory<char>);
            while (cursor.MoveNext())
            {
                for (var i = 0; i < getters.Length; i++)
                {
                    getters[i](ref value);
                    // Line numbers as a reader counts them: the header is line 1.
                    columns[i].Add(value.ToString(), rows + 2, rows);
                }

                rows++;
            }
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"'{path}' needs a header line and at least one row.");
        }

        var labelIndex = labelColumn is null ? (int?)null : Array.IndexOf(header, labelColumn);
        if (labelIndex < 0)
        {
            throw new ArgumentException($"'{path}' has no column '{labelColumn}'; its columns are: {string.Join(", ", header)}.");
        }

        foreach (var name in identifierColumns.Where(name => !header.Contains(name)))
        {
            throw new ArgumentException($"The identifier column '{name}' is not in '{path}'; its columns are: {string.Join(", ", header)}.");
        }

        var features = new List<int>();
        var identifiers = new List<int>();
        var notUsed = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var column = columns[i];
            if (i == labelIndex)
            {
                continue;
            }

            if (identifierColumns.Contains(header[i]))
            {
                identifiers.Add(i);
                notUsed.Add($"{header[i]} (named as an identifier)");
            }
            else if (column.Numbers == 0 && column.Text == 0)
            {
                notUsed.Add($"{header[i]} (no value in any row)");
            }
            else if (column.Numbers == 0)
            {
                identifiers.Add(i);
                notUsed.Add($"{header[i]} (text, e.g. line {column.FirstText!.Value.Line} '{column.FirstText.Value.Value}')");
            }
            else if (column.FirstText is { } text)
            {
                throw new InvalidDataException(
                    $"'{path}' line {text.Line} (row {text.Row}): column '{header[i]}' field {i} is '{text.Value}', which is not a number; " +
                    $"{column.Numbers} other rows of the column are numbers. Fix the value, or name '{header[i]}' as an identifier column to use it only to name rows.");
            }
            else if (column.FirstMissing is { } missing)
            {
                throw new InvalidDataException(
                    $"'{path}' line {missing.Line} (row {missing.Row}): column '{header[i]}' field {i} is '{missing.Value}', a mark of a missing value the loader does not read; " +
                    $"write missing values as empty cells or NaN (they are filled with the column's mean), or name '{header[i]}' as an identifier column to leave it out.");
            }
            else
            {
                features.Add(i);
            }
        }

        if (features.Count < 2)
        {
            throw new ArgumentException($"'{path}' needs at least two numeric feature columns{(labelColumn is null ? "" : $" besides '{labelColumn}'")}.");
        }

        return new CsvColumnRoles(header, labelIndex, features.ToArray(), identifiers.ToArray(), notUsed, rows);
    }

    /// <summary>Counts of one column's kinds of value, and the first cell of each kind that stops it being a feature.</summary>
    private sealed class ColumnValues
    {
        public long Numbers { get; private set; }

        public long Text { get; private set; }

        public (long Line, long Row, string Value)? FirstText { get; private set; }

        public (long Line, long Row, string Value)? FirstMissing { get; private set; }

        public void Add(string value, long line, long row)
        {
            if (ReadAsMissing.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return;
            }

            if (OtherMissingMarks.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                FirstMissing ??= (line, row, value);
            }
            // A number too large for a Single still counts as one: the loader refuses it, naming line and column.
            else if (float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && (float.IsFinite(number) || value.Any(char.IsAsciiDigit)))
            {
                Numbers++;
            }
            else
            {
                Text++;
                FirstText ??= (line, row, value);
            }
        }
    }
}
