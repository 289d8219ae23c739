namespace Autoencoders.Data;

/// <summary>
/// What a transformer returns: its input view with columns added (or replaced), computed block by
/// block only when a cursor reads them. Creating it reads nothing; a cursor that reads only
/// pass-through columns never runs the mapping.
/// </summary>
internal sealed class MappedDataView : BlockDataView
{
    private readonly IDataView _source;
    private readonly string[] _inputColumnNames;
    private readonly Func<DataViewBlockCursor, Array[]> _map;
    private readonly int _firstOutput;

    /// <param name="source">The input view.</param>
    /// <param name="inputColumnNames">The source columns the mapping reads.</param>
    /// <param name="outputs">The columns the mapping produces, in the order of the arrays it returns.</param>
    /// <param name="map">Given a source cursor on a block, the values of every output column for the block's rows.</param>
    public MappedDataView(IDataView source, IReadOnlyList<string> inputColumnNames, IReadOnlyList<(string Name, DataViewType Type)> outputs,
        Func<DataViewBlockCursor, Array[]> map)
        : this(source, inputColumnNames, outputs.Select(output => new DataViewSchema.DetachedColumn(output.Name, output.Type)).ToArray(), map)
    {
    }

    /// <param name="source">The input view.</param>
    /// <param name="inputColumnNames">The source columns the mapping reads.</param>
    /// <param name="outputs">The columns the mapping produces, with their annotations, in the order of the arrays it returns.</param>
    /// <param name="map">Given a source cursor on a block, the values of every output column for the block's rows.</param>
    public MappedDataView(IDataView source, IReadOnlyList<string> inputColumnNames, IReadOnlyList<DataViewSchema.DetachedColumn> outputs,
        Func<DataViewBlockCursor, Array[]> map)
    {
        _source = source;
        _inputColumnNames = inputColumnNames.ToArray();
        _map = map;
        Schema = source.Schema.With(outputs.ToArray());
        _firstOutput = Schema.Count - outputs.Count;
    }

    public override DataViewSchema Schema { get; }

    public override bool CanShuffle => _source.CanShuffle;

    public override long? GetRowCount() => _source.GetRowCount();

    protected override DataViewBlockCursor CreateBlockCursor(ActiveColumns active, int maxBlockRows, Random? rand)
    {
        var mapped = active.Columns.Any(column => column.Index >= _firstOutput);
        var sourceNames = active.Columns.Where(column => column.Index < _firstOutput).Select(column => column.Name)
            .Concat(mapped ? _inputColumnNames : []);
        var source = _source.GetBlockCursor(sourceNames.Distinct().Select(name => _source.Schema[name]).ToArray(), maxBlockRows, rand);
        return new Cursor(this, active, source);
    }

    private sealed class Cursor(MappedDataView view, ActiveColumns active, DataViewBlockCursor source) : DataViewBlockCursor
    {
        private Array[]? _outputs;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => source.Position;

        public override int RowCount => source.RowCount;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.IsActive(column);

        public override bool MoveNext()
        {
            _outputs = null;
            return source.MoveNext();
        }

        public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column)
        {
            active.RequireReadable<T>(column);
            if (column.Index < view._firstOutput)
            {
                return source.GetValues<T>(source.Schema[column.Name]);
            }

            if (source.RowCount == 0)
            {
                throw ActiveBlockCursor.NotOnABlock();
            }

            _outputs ??= view._map(source);
            return (T[])_outputs[column.Index - view._firstOutput];
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
        }
    }
}
