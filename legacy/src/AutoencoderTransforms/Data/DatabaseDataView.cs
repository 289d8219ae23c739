using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Autoencoders.Data;

/// <summary>The rows of a database query, read through an ADO.NET data reader as a cursor moves; the connection closes with the cursor.</summary>
internal sealed class DatabaseDataView(DatabaseSource source, IReadOnlyList<DatabaseLoader.Column> columns) : BlockDataView
{
    private DatabaseSource Source { get; } = source;

    private IReadOnlyList<DatabaseLoader.Column> Columns { get; } = columns;

    public override DataViewSchema Schema { get; } = new(columns.Select(column => (column.Name, column.Type)));

    public override bool CanShuffle => false;

    public override long? GetRowCount() => null;

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        return new Cursor(this, new BlockBuffer(active, maxBlockRows));
    }

    private sealed class Cursor(DatabaseDataView view, BlockBuffer buffer) : BufferedBlockCursor(buffer)
    {
        private DbConnection? _connection;
        private DbCommand? _command;
        private DbDataReader? _reader;
        private int[] _ordinals = [];
        private long _row;
        private bool _done;

        protected override void Fill()
        {
            if (_done) return;
            var reader = _reader ?? Open();
            while (!Buffer.IsFull)
            {
                if (!Query(() => reader.Read()))
                {
                    _done = true;
                    return;
                }

                for (var i = 0; i < view.Schema.Count; i++)
                {
                    if (Buffer.Active[i]) ReadColumn(reader, i);
                }

                Buffer.Count++;
                _row++;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            _reader?.Dispose();
            _command?.Dispose();
            _connection?.Dispose();
        }

        private DbDataReader Open()
        {
            var source = view.Source;
            _connection = source.ProviderFactory.CreateConnection() ?? throw new InvalidOperationException("The provider factory made no connection.");
            _connection.ConnectionString = source.ConnectionString;
            Query(() => { _connection.Open(); return true; });
            _command = _connection.CreateCommand();
            _command.CommandText = source.CommandText;
            if (source.CommandTimeoutInSeconds is { } timeout) _command.CommandTimeout = timeout;
            _reader = Query(() => _command.ExecuteReader(CommandBehavior.SingleResult));
            var names = Enumerable.Range(0, _reader.FieldCount).Select(_reader.GetName).ToArray();
            _ordinals = view.Schema.Select(column => Ordinal(view.Columns[column.Index], names)).ToArray();
            return _reader;
        }

        private int Ordinal(DatabaseLoader.Column column, string[] names)
        {
            var width = DataViewBlockCursor.ValuesPerRow(view.Schema[column.Name]);
            var ordinal = column.SourceName is { } name
                ? Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                : column.FirstOrdinal + width - 1 < names.Length ? column.FirstOrdinal : -1;
            return ordinal >= 0 ? ordinal : throw new InvalidOperationException(
                $"Column '{column.Name}' reads {(column.SourceName is null ? $"result columns {column.FirstOrdinal} to {column.FirstOrdinal + width - 1}" : $"the result column '{column.SourceName}'")}, " +
                $"but the query returns {names.Length}: {string.Join(", ", names.Select(n => $"'{n}'"))}.");
        }

        private void ReadColumn(DbDataReader reader, int index)
        {
            var column = view.Schema[index];
            var width = DataViewBlockCursor.ValuesPerRow(column);
            for (var slot = 0; slot < width; slot++)
            {
                var ordinal = _ordinals[index] + slot;
                var at = Buffer.Count * width + slot;
                if (column.Type is TextDataViewType)
                {
                    Buffer.Column<string>(index)[at] = reader.IsDBNull(ordinal) ? "" : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "";
                    continue;
                }

                if (reader.IsDBNull(ordinal) && column.Type.RawType == typeof(float))
                {
                    Buffer.Column<float>(index)[at] = float.NaN;
                    continue;
                }

                if (reader.IsDBNull(ordinal))
                {
                    throw new InvalidDataException(
                        $"Row {_row} of column '{column.Name}' (result column '{reader.GetName(ordinal)}') is NULL, and {column.Type} has no missing value; " +
                        "filter such rows out in the query or give them a value (COALESCE).");
                }

                var value = reader.GetValue(ordinal);
                try
                {
                    if (column.Type.RawType == typeof(float))
                    {
                        var single = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                        Buffer.Column<float>(index)[at] = float.IsInfinity(single) && value is not float and not double
                            ? throw new OverflowException("beyond the range of a Single")
                            : single;
                    }
                    else if (column.Type.RawType == typeof(int)) Buffer.Column<int>(index)[at] = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                    else Buffer.Column<bool>(index)[at] = Convert.ToBoolean(value, CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
                {
                    throw new InvalidDataException(
                        $"Row {_row} of column '{column.Name}' (result column '{reader.GetName(ordinal)}') holds {value} ({value.GetType().Name}), which is not {column.Type}: {e.Message}", e);
                }
            }
        }

        private T Query<T>(Func<T> action)
        {
            try
            {
                return action();
            }
            catch (DbException e)
            {
                throw new InvalidOperationException($"The query '{view.Source.CommandText}' failed: {e.Message}", e);
            }
        }
    }
}
