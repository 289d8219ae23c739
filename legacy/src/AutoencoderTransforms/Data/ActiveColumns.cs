namespace Autoencoders.Data;

/// <summary>The columns a cursor was asked for, checked to belong to its view, and the checks its reads run.</summary>
internal sealed class ActiveColumns
{
    private readonly bool[] _active;

    public ActiveColumns(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        Schema = schema;
        _active = new bool[schema.Count];
        foreach (var column in columnsNeeded)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columnsNeeded));
            if (column.Index >= schema.Count || schema[column.Index] != column)
            {
                throw new ArgumentException($"Column '{column.Name}' ({column.Type}) is not one of this view's columns ({schema}).", nameof(columnsNeeded));
            }

            _active[column.Index] = true;
        }
    }

    public DataViewSchema Schema { get; }

    public bool this[int index] => _active[index];

    public IEnumerable<DataViewSchema.Column> Columns => Schema.Where(column => _active[column.Index]);

    public bool IsActive(DataViewSchema.Column column) =>
        column is not null && column.Index < _active.Length && Schema[column.Index] == column && _active[column.Index];

    /// <summary>Throws unless <paramref name="column"/> is active and holds <typeparamref name="T"/> values.</summary>
    public void RequireReadable<T>(DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!IsActive(column))
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not asked for when this cursor was made.");
        }

        if (column.Type.RawType != typeof(T))
        {
            throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}; read it as {column.Type.RawType.Name}, not {typeof(T).Name}.");
        }
    }
}
