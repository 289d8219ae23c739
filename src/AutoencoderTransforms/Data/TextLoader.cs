using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Autoencoders.Transforms.Data;

/// <summary>
/// Loads delimited text files (CSV, TSV) into a data view, parsing with CsvHelper (quoted fields,
/// embedded separators). Every malformed cell is reported with its file, line and column.
/// </summary>
public static class TextLoader
{
    /// <summary>A column to load: one field, or an inclusive range of fields read as one vector.</summary>
    public sealed class Column
    {
        /// <summary>A column read from field <paramref name="index"/>.</summary>
        public Column(string name, DataKind dataKind, int index) : this(name, dataKind, index, index) { }

        /// <summary>A Single vector column read from fields <paramref name="minIndex"/> to <paramref name="maxIndex"/> (inclusive).</summary>
        public Column(string name, DataKind dataKind, int minIndex, int maxIndex)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentOutOfRangeException.ThrowIfNegative(minIndex);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxIndex, minIndex);
            if (!Enum.IsDefined(dataKind))
            {
                throw new ArgumentOutOfRangeException(nameof(dataKind), dataKind, "Unknown data kind.");
            }

            if (maxIndex > minIndex && dataKind != DataKind.Single)
            {
                throw new ArgumentException($"Column '{name}': a range of fields loads as a Single vector, not {dataKind}.", nameof(dataKind));
            }

            Name = name;
            DataKind = dataKind;
            MinIndex = minIndex;
            MaxIndex = maxIndex;
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>How fields are parsed.</summary>
        public DataKind DataKind { get; }

        /// <summary>The first field (zero-based).</summary>
        public int MinIndex { get; }

        /// <summary>The last field (inclusive).</summary>
        public int MaxIndex { get; }

        internal bool IsVector => MaxIndex > MinIndex;

        internal DataViewType Type => IsVector ? new VectorDataViewType(MaxIndex - MinIndex + 1) : DataKind switch
        {
            DataKind.Single => NumberDataViewType.Single,
            DataKind.Int32 => NumberDataViewType.Int32,
            DataKind.Boolean => BooleanDataViewType.Instance,
            _ => TextDataViewType.Instance,
        };
    }

    /// <summary>How a delimited text file is read (ML.NET's <c>TextLoader.Options</c>, with the members this loader supports).</summary>
    public sealed class Options
    {
        /// <summary>The columns to load.</summary>
        public Column[] Columns = [];

        /// <summary>The field separator: exactly one character. Defaults to tab.</summary>
        public char[] Separators = ['\t'];

        /// <summary>Whether the first line names the fields rather than holding a row. Defaults to false.</summary>
        public bool HasHeader;

        /// <summary>
        /// Whether a line may have more or fewer fields than the header (or, without a header, the
        /// first line), the columns reading only the fields they name. Defaults to false: such a line
        /// is an error naming it, because an unquoted separator inside a value (a decimal comma, say)
        /// would otherwise shift every later value of the row silently.
        /// </summary>
        public bool AllowVaryingFieldCount;
    }

    /// <summary>The fields of the first line of <paramref name="path"/>, e.g. to find columns by header name.</summary>
    public static IReadOnlyList<string> ReadHeader(string path, char separatorChar = ',') =>
        ReadRecords(path, 1, separatorChar) is [var header] ? header : throw new InvalidDataException($"'{path}' is empty.");

    /// <summary>The fields of the first <paramref name="count"/> lines of <paramref name="path"/> (fewer when the file is shorter).</summary>
    public static IReadOnlyList<string[]> ReadRecords(string path, int count, char separatorChar = ',')
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return EnumerateRecords(path, separatorChar).Take(count).Select(record => record.Fields).ToList();
    }

    /// <summary>
    /// The records of <paramref name="path"/>, read one at a time as they are enumerated, each with
    /// the line it ends on (blank lines are skipped but counted).
    /// </summary>
    public static IEnumerable<(long Line, string[] Fields)> EnumerateRecords(string path, char separatorChar = ',')
    {
        using var parser = OpenParser(path, separatorChar);
        while (parser.Read())
        {
            yield return (parser.RawRow, parser.Record ?? []);
        }
    }

    internal static IDataView Load(string path, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Columns is not { Length: > 0 } columns)
        {
            throw new ArgumentException("Name at least one column to load.", nameof(options));
        }

        if (options.Separators is not [var separator])
        {
            throw new ArgumentException($"Give exactly one separator character (there are {options.Separators?.Length ?? 0}).", nameof(options));
        }

        var builders = columns.Select(column => new ColumnBuilder(column)).ToArray();
        using var parser = OpenParser(path, separator);
        int? fieldCount = null;
        var fieldCountSource = "";
        if (options.HasHeader)
        {
            if (!parser.Read())
            {
                throw new InvalidDataException($"'{path}' is empty; a header line was expected.");
            }

            (fieldCount, fieldCountSource) = (parser.Record?.Length ?? 0, "the header has");
        }

        var row = 0;
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            if (fieldCount is null)
            {
                (fieldCount, fieldCountSource) = (fields.Length, $"line {parser.RawRow} has");
            }

            if (fields.Length != fieldCount && !options.AllowVaryingFieldCount)
            {
                throw new InvalidDataException(
                    $"'{path}' line {parser.RawRow} (row {row}) has {fields.Length} fields where {fieldCountSource} {fieldCount}. An unquoted separator " +
                    $"inside a value (such as a decimal comma) shifts every later field: quote that value, or set {nameof(Options)}.{nameof(Options.AllowVaryingFieldCount)} " +
                    "to read only the fields the columns name.");
            }

            foreach (var builder in builders)
            {
                builder.Add(fields, path, parser.RawRow, row);
            }

            row++;
        }

        return new ColumnarDataView(builders.Select(b => (b.Column.Name, b.Build())).ToArray(), row);
    }

    private static CsvParser OpenParser(string path, char separatorChar)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No data file at '{path}'.", path);
        }

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = separatorChar.ToString(),
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
        };
        return new CsvParser(new StreamReader(path), configuration);
    }

    private sealed class ColumnBuilder(Column column)
    {
        private readonly List<float> _singles = [];
        private readonly List<int> _integers = [];
        private readonly List<bool> _booleans = [];
        private readonly List<string> _strings = [];

        public Column Column { get; } = column;

        public void Add(string[] fields, string path, long line, int row)
        {
            if (fields.Length <= Column.MaxIndex)
            {
                throw new InvalidDataException(
                    $"'{path}' line {line} (row {row}): column '{Column.Name}' needs field {Column.MaxIndex} but the line has {fields.Length} fields.");
            }

            for (var index = Column.MinIndex; index <= Column.MaxIndex; index++)
            {
                var text = fields[index];
                if (Column.DataKind != DataKind.String && text.Length == 0)
                {
                    throw new InvalidDataException($"'{path}' line {line} (row {row}): column '{Column.Name}' field {index} is empty.");
                }

                var parsed = Column.DataKind switch
                {
                    DataKind.Single => TryAdd(float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var single), _singles, single),
                    DataKind.Int32 => TryAdd(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer), _integers, integer),
                    DataKind.Boolean => TryAdd(TryParseBoolean(text, out var boolean), _booleans, boolean),
                    _ => TryAdd(true, _strings, text),
                };
                if (Column.DataKind == DataKind.Single && parsed && float.IsInfinity(_singles[^1]) && text.Any(char.IsAsciiDigit))
                {
                    throw new InvalidDataException(
                        $"'{path}' line {line} (row {row}): column '{Column.Name}' field {index} is '{text}', which is beyond the range of a Single (about ±3.4e38).");
                }

                if (!parsed)
                {
                    throw new InvalidDataException(
                        $"'{path}' line {line} (row {row}): column '{Column.Name}' field {index} is '{text}', which is not {Article(Column.DataKind)}.");
                }
            }
        }

        public DataColumn Build() => Column.DataKind switch
        {
            DataKind.Single => new DataColumn<float>(Column.Type, _singles.ToArray()),
            DataKind.Int32 => new DataColumn<int>(Column.Type, _integers.ToArray()),
            DataKind.Boolean => new DataColumn<bool>(Column.Type, _booleans.ToArray()),
            _ => new DataColumn<string>(Column.Type, _strings.ToArray()),
        };

        private static bool TryAdd<T>(bool parsed, List<T> values, T value)
        {
            if (parsed) values.Add(value);
            return parsed;
        }

        private static bool TryParseBoolean(string text, out bool value)
        {
            value = text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
            return value || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase);
        }

        private static string Article(DataKind kind) => kind switch
        {
            DataKind.Single => "a number",
            DataKind.Int32 => "an integer",
            _ => "a Boolean (true/false/1/0)",
        };
    }
}
