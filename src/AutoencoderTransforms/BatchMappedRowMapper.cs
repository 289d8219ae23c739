using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// The row mapper of a <see cref="BatchMapping"/>, which <c>PredictionEngine</c> uses: each output row
/// maps its input row alone, once per input position, whichever output columns are read.
/// </summary>
internal sealed class BatchMappedRowMapper(BatchMapping mapping, DataViewSchema inputSchema, DataViewSchema outputSchema) : IRowToRowMapper
{
    /// <inheritdoc />
    public DataViewSchema InputSchema => inputSchema;

    /// <inheritdoc />
    public DataViewSchema OutputSchema => outputSchema;

    /// <inheritdoc />
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var columns = dependingColumns.ToList();
        var needed = columns.Where(column => column.Index < inputSchema.Count).Select(column => inputSchema[column.Index]).ToList();
        if (columns.Any(column => column.Index >= inputSchema.Count))
        {
            needed.Add(inputSchema[mapping.InputColumn]);
        }

        return needed.Distinct();
    }

    /// <inheritdoc />
    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var active = new bool[mapping.Outputs.Count];
        foreach (var column in activeColumns.Where(column => column.Index >= inputSchema.Count))
        {
            active[column.Index - inputSchema.Count] = true;
        }

        return new Row(mapping, input, outputSchema, active);
    }

    private sealed class Row : DataViewRow
    {
        private readonly BatchMapping _mapping;
        private readonly DataViewRow _input;
        private readonly DataViewSchema _schema;
        private readonly bool[] _active;
        private readonly ValueGetter<VBuffer<float>>? _features;
        private readonly float[] _values;
        private readonly float[]?[] _outputs;
        private VBuffer<float> _buffer;
        private long _mappedPosition = -1;

        public Row(BatchMapping mapping, DataViewRow input, DataViewSchema schema, bool[] active)
        {
            (_mapping, _input, _schema, _active) = (mapping, input, schema, active);
            _values = new float[mapping.InputWidth];
            _outputs = mapping.Buffers(active, rows: 1);
            if (active.Any(isActive => isActive))
            {
                _features = input.GetGetter<VBuffer<float>>(input.Schema[mapping.InputColumn]);
            }
        }

        public override DataViewSchema Schema => _schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index < _input.Schema.Count ? _input.IsColumnActive(_input.Schema[column.Index]) : _active[column.Index - _input.Schema.Count];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < _input.Schema.Count)
            {
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            }

            var output = column.Index - _input.Schema.Count;
            if (!_active[output])
            {
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this row.");
            }

            return _mapping.Outputs[output].Getter<TValue>(() =>
            {
                MapCurrentRow();
                return (_outputs[output]!, 0);
            });
        }

        private void MapCurrentRow()
        {
            // PredictionEngine reuses one input row whose position may stay -1: map every time then.
            if (_mappedPosition == _input.Position && _mappedPosition >= 0)
            {
                return;
            }

            _features!(ref _buffer);
            _buffer.CopyTo(_values);
            _mapping.Map(_values, Math.Max(0, _input.Position), _outputs);
            _mappedPosition = _input.Position;
        }
    }
}
