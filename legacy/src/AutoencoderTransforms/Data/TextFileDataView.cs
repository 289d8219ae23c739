using System.Globalization;
using CsvHelper;

namespace Autoencoders.Data;

/// <summary>
/// A delimited text file read as it is enumerated: each cursor opens the file, parses the fields of
/// the columns it is asked for, and closes it when disposed. The file must not change while it is
/// in use: a cursor that finds its size or modification time changed since loading stops with an error.
/// </summary>
internal sealed class TextFileDataView : BlockDataView
{
    private readonly string _path;
    private readonly TextLoader.Column[] _columns;
    private readonly char _separator;
    private readonly int? _headerFields;
    private readonly TextLoader.Options _options;
    private readonly FileStamp _stamp;

    /// <param name="path">The file.</param>
    /// <param name="columns">The columns to load.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="header">The header's fields (which name the slots of vector columns); null when the file has none.</param>
    /// <param name="options">How the file is read.</param>
    public TextFileDataView(string path, TextLoader.Column[] columns, char separator, string[]? header, TextLoader.Options options)
    {
        _path = path;
        _columns = columns;
        _separator = separator;
        _headerFields = header?.Length;
        _options = new TextLoader.Options
        {
            AllowVaryingFieldCount = options.AllowVaryingFieldCount, AllowQuoting = options.AllowQuoting,
            TrimWhitespace = options.TrimWhitespace, MissingRealsAsNaNs = options.MissingRealsAsNaNs,
        };
        _stamp = FileStamp.Of(path);
        Schema = new DataViewSchema(columns.Select(column => new DataViewSchema.DetachedColumn(column.Name, column.Type,
            column.IsVector && header is not null && header.Length > column.MaxIndex
                ? DataViewSchema.Annotations.Of(DataViewSchema.Annotations.SlotNames, header[column.MinIndex..(column.MaxIndex + 1)])
                : null)));
    }

    public override DataViewSchema Schema { get; }

    public override bool CanShuffle => false;

    public override long? GetRowCount() => null;

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        var buffer = new BlockBuffer(active, maxBlockRows);
        _stamp.CheckUnchanged();
        return new Cursor(this, buffer, TextLoader.OpenParser(_path, _separator, _options.AllowQuoting, _options.TrimWhitespace));
    }

    private sealed class Cursor(TextFileDataView view, BlockBuffer buffer, CsvParser parser) : BufferedBlockCursor(buffer)
    {
        private long _nextRow;
        private int? _fieldCount = view._headerFields;
        private string _fieldCountSource = view._headerFields is null ? "" : "the header has";
        private bool _started;
        private bool _done;

        protected override void Fill()
        {
            if (!_started)
            {
                _started = true;
                if (view._headerFields is not null) parser.Read();
            }

            while (!_done && !Buffer.IsFull)
            {
                if (!parser.Read())
                {
                    _done = true;
                    break;
                }

                ParseRecord(parser.Record ?? [], parser.RawRow);
                Buffer.Count++;
                _nextRow++;
            }

            view._stamp.CheckUnchanged();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) parser.Dispose();
        }

        private void ParseRecord(string[] fields, long line)
        {
            if (_fieldCount is null)
            {
                (_fieldCount, _fieldCountSource) = (fields.Length, $"line {line} has");
            }

            if (fields.Length != _fieldCount && !view._options.AllowVaryingFieldCount)
            {
                throw new InvalidDataException(
                    $"'{view._path}' line {line} (row {_nextRow}) has {fields.Length} fields where {_fieldCountSource} {_fieldCount}. An unquoted separator " +
                    $"inside a value (such as a decimal comma) shifts every later field: quote that value, or set {nameof(TextLoader.Options)}.{nameof(TextLoader.Options.AllowVaryingFieldCount)} " +
                    "to read only the fields the columns name.");
            }

            for (var i = 0; i < view._columns.Length; i++)
            {
                if (Buffer.Active[i])
                {
                    ParseColumn(view._columns[i], i, fields, line);
                }
            }
        }

        private void ParseColumn(TextLoader.Column column, int columnIndex, string[] fields, long line)
        {
            if (fields.Length <= column.MaxIndex)
            {
                throw new InvalidDataException($"{Where(column, line)} needs field {column.MaxIndex} but the line has {fields.Length} fields.");
            }

            var width = column.MaxIndex - column.MinIndex + 1;
            for (var index = column.MinIndex; index <= column.MaxIndex; index++)
            {
                var text = fields[index];
                var at = Buffer.Count * width + index - column.MinIndex;
                if (column.DataKind == DataKind.Single && string.IsNullOrWhiteSpace(text))
                {
                    Buffer.Column<float>(columnIndex)[at] = view._options.MissingRealsAsNaNs ? float.NaN : 0f;
                    continue;
                }

                if (column.DataKind != DataKind.String && string.IsNullOrWhiteSpace(text))
                {
                    throw new InvalidDataException($"{Where(column, line)} field {index} is empty, and {column.DataKind} has no missing value.");
                }

                switch (column.DataKind)
                {
                    case DataKind.Single:
                        Buffer.Column<float>(columnIndex)[at] = ParseSingle(text, column, line, index);
                        break;
                    case DataKind.Int32:
                        Buffer.Column<int>(columnIndex)[at] = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer)
                            ? integer : throw NotA(column, line, index, text, "an integer");
                        break;
                    case DataKind.Boolean:
                        Buffer.Column<bool>(columnIndex)[at] = TryParseBoolean(text, out var boolean) ? boolean : throw NotA(column, line, index, text, "a Boolean (true/false/1/0)");
                        break;
                    default:
                        Buffer.Column<string>(columnIndex)[at] = text;
                        break;
                }
            }
        }

        private float ParseSingle(string text, TextLoader.Column column, long line, int index)
        {
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw NotA(column, line, index, text, "a number");
            }

            if (float.IsInfinity(value) && text.Any(char.IsAsciiDigit))
            {
                throw new InvalidDataException($"{Where(column, line)} field {index} is '{text}', which is beyond the range of a Single (about ±3.4e38).");
            }

            return value;
        }

        private InvalidDataException NotA(TextLoader.Column column, long line, int index, string text, string what) =>
            new($"{Where(column, line)} field {index} is '{text}', which is not {what}.");

        private string Where(TextLoader.Column column, long line) => $"'{view._path}' line {line} (row {_nextRow}): column '{column.Name}'";

        private static bool TryParseBoolean(string text, out bool value)
        {
            var trimmed = text.AsSpan().Trim();
            value = trimmed is "1" || trimmed.Equals("true", StringComparison.OrdinalIgnoreCase);
            return value || trimmed is "0" || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase);
        }
    }
}
