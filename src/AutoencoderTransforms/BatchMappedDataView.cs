using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// The data view a <see cref="BatchMapping"/> makes of its input: the input's columns, then the
/// mapped ones. A cursor in the input's own order reads the input column through a second cursor
/// that runs up to <see cref="BatchMapping.BatchRows"/> rows ahead, so the network maps a batch per
/// call; a shuffled cursor (whose order a second cursor could not be trusted to repeat) maps each row alone.
/// </summary>
internal sealed class BatchMappedDataView(BatchMapping mapping, IDataView source, DataViewSchema schema) : IDataView
{
    /// <inheritdoc />
    public bool CanShuffle => source.CanShuffle;

    /// <inheritdoc />
    public DataViewSchema Schema => schema;

    /// <inheritdoc />
    public long? GetRowCount() => source.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var sourceCount = source.Schema.Count;
        var needed = columnsNeeded.Select(column => column.Index).ToHashSet();
        var active = mapping.Outputs.Select((_, i) => needed.Contains(sourceCount + i)).ToArray();
        var sourceColumns = needed.Where(index => index < sourceCount).Select(index => source.Schema[index]).ToList();
        if (!active.Any(isActive => isActive))
        {
            return new Cursor(this, source.GetRowCursor(sourceColumns, rand), ahead: null, active);
        }

        var input = source.Schema[mapping.InputColumn];
        if (rand is not null)
        {
            return new Cursor(this, source.GetRowCursor(sourceColumns.Append(input), rand), ahead: null, active);
        }

        return new Cursor(this, source.GetRowCursor(sourceColumns), source.GetRowCursor([input]), active);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly BatchMappedDataView _view;
        private readonly DataViewRowCursor _rows;
        private readonly DataViewRowCursor? _ahead;
        private readonly bool[] _active;
        private readonly ValueGetter<VBuffer<float>>? _input;
        private readonly float[] _inputs = [];
        private readonly float[]?[] _outputs = [];
        private VBuffer<float> _buffer;
        private int _batchRows;
        private int _index;

        public Cursor(BatchMappedDataView view, DataViewRowCursor rows, DataViewRowCursor? ahead, bool[] active)
        {
            (_view, _rows, _ahead, _active) = (view, rows, ahead, active);
            if (active.Any(isActive => isActive))
            {
                var reader = ahead ?? rows;
                _input = reader.GetGetter<VBuffer<float>>(reader.Schema[view.Mapping.InputColumn]);
                var capacity = ahead is null ? 1 : BatchMapping.BatchRows;
                _inputs = new float[capacity * view.Mapping.InputWidth];
                _outputs = view.Mapping.Buffers(active, capacity);
            }
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _rows.Position;

        public override long Batch => _rows.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _rows.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column)
        {
            var sourceCount = _view.Source.Schema.Count;
            return column.Index < sourceCount ? _rows.IsColumnActive(_view.Source.Schema[column.Index]) : _active[column.Index - sourceCount];
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var sourceCount = _view.Source.Schema.Count;
            if (column.Index < sourceCount)
            {
                return _rows.GetGetter<TValue>(_view.Source.Schema[column.Index]);
            }

            var output = column.Index - sourceCount;
            if (!_active[output])
            {
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            }

            var width = _view.Mapping.Outputs[output].Width;
            return _view.Mapping.Outputs[output].Getter<TValue>(() => (_outputs[output]!, _index * width));
        }

        public override bool MoveNext()
        {
            if (!_rows.MoveNext())
            {
                return false;
            }

            if (_input is not null && ++_index >= _batchRows)
            {
                ReadBatch();
            }

            return true;
        }

        private void ReadBatch()
        {
            var width = _view.Mapping.InputWidth;
            var reader = _ahead ?? _rows;
            var rows = 0;
            var first = -1L;
            do
            {
                if (_ahead is not null && !_ahead.MoveNext())
                {
                    break;
                }

                first = rows == 0 ? reader.Position : first;
                _input!(ref _buffer);
                _buffer.CopyTo(_inputs, rows * width);
                rows++;
            }
            while (_ahead is not null && rows < BatchMapping.BatchRows);

            if (rows == 0)
            {
                throw new InvalidOperationException("The input data gave fewer rows to a second cursor than to the first; it does not give its rows in one order.");
            }

            _view.Mapping.Map(_inputs.AsSpan(0, rows * width), first, _outputs);
            _batchRows = rows;
            _index = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rows.Dispose();
                _ahead?.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private BatchMapping Mapping => mapping;

    private IDataView Source => source;
}
