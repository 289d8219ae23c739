using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Autoencoders.Data;

/// <summary>
/// Loads delimited text files (CSV, TSV) into a data view, parsing with CsvHelper (quoted fields
/// with embedded separators when quoting is allowed). Every malformed cell is reported with its
/// file, line and column.
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

        /// <summary>
        /// Whether a field may be quoted ("a, b" is one field, "" inside it one quote). Defaults to
        /// false, as in ML.NET: quote characters are then part of the text.
        /// </summary>
        public bool AllowQuoting;

        /// <summary>Whether spaces and tabs around each field are removed. Defaults to false, as in ML.NET (numbers parse either way).</summary>
        public bool TrimWhitespace;

        /// <summary>
        /// Whether an empty Single field is read as NaN, a missing value (true, the default here), or as
        /// 0 (false, ML.NET's default). "NaN" reads as NaN either way. Replace missing values with
        /// <c>ReplaceMissingValues</c> before a transform that needs complete rows.
        /// </summary>
        public bool MissingRealsAsNaNs = true;
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
        using var parser = OpenParser(path, separatorChar, allowQuoting: true, trimWhitespace: true);
        while (parser.Read())
        {
            yield return (parser.RawRow, parser.Record ?? []);
        }
    }

    /// <summary>
    /// A view of <paramref name="path"/> that streams it: nothing is parsed until a cursor reads, and
    /// a malformed cell is an error then, naming the file, line and column.
    /// </summary>
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

        string[]? header = null;
        if (options.HasHeader)
        {
            using var parser = OpenParser(path, separator, options.AllowQuoting, options.TrimWhitespace);
            header = parser.Read() ? parser.Record ?? [] : throw new InvalidDataException($"'{path}' is empty; a header line was expected.");
        }

        return new TextFileDataView(path, columns.ToArray(), separator, header, options);
    }

    internal static CsvParser OpenParser(string path, char separatorChar, bool allowQuoting, bool trimWhitespace)
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
            TrimOptions = trimWhitespace ? TrimOptions.Trim : TrimOptions.None,
            Mode = allowQuoting ? CsvMode.RFC4180 : CsvMode.NoEscape,
            DetectColumnCountChanges = false,
        };
        return new CsvParser(new StreamReader(path), configuration);
    }
}
