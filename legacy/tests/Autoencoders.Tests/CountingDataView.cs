using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>
/// A view implemented as a user would, with only a row cursor: rows of Features (a vector of
/// <see cref="Width"/>), Label and Name, computed from the row index. It counts the rows its
/// cursors pass and the values each column's getters hand out.
/// </summary>
internal sealed class CountingDataView(long rows, int width = 4) : IDataView
{
    public int Width { get; } = width;

    public long RowsPulled;
    public long FeatureReads;
    public long LabelReads;
    public int OpenCursors;

    public DataViewSchema Schema { get; } = new([("Features", new VectorDataViewType(width)), ("Label", BooleanDataViewType.Instance), ("Name", TextDataViewType.Instance)]);

    public bool CanShuffle => false;

    public long? GetRowCount() => rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this, columnsNeeded.ToList());

    /// <summary>The features of row <paramref name="row"/>: a smooth pattern with a spike every 10th row.</summary>
    public static float Feature(long row, int index) => (row % 10 == 0 ? 5f : 0f) + MathF.Sin(row * 0.1f + index);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly CountingDataView _view;
        private readonly List<DataViewSchema.Column> _active;
        private long _position = -1;

        public Cursor(CountingDataView view, List<DataViewSchema.Column> active)
        {
            _view = view;
            _active = active;
            Interlocked.Increment(ref view.OpenCursors);
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column);

        public override bool MoveNext()
        {
            if (_position + 1 >= _view.GetRowCount()) return false;
            _position++;
            _view.RowsPulled++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column)) throw new InvalidOperationException($"'{column.Name}' is not active");
            Delegate getter = column.Name switch
            {
                "Features" => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    _view.FeatureReads++;
                    var values = new float[_view.Width];
                    for (var i = 0; i < values.Length; i++) values[i] = Feature(_position, i);
                    value = new VBuffer<float>(values.Length, values);
                }),
                "Label" => (ValueGetter<bool>)((ref bool value) =>
                {
                    _view.LabelReads++;
                    value = _position % 10 == 0;
                }),
                _ => (ValueGetter<string>)((ref string value) => value = $"row {_position}"),
            };
            return (ValueGetter<TValue>)getter;
        }

        protected override void Dispose(bool disposing) => Interlocked.Decrement(ref _view.OpenCursors);
    }
}
