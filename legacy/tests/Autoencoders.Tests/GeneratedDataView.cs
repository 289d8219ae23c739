using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>
/// A view of any number of rows that exist nowhere: every block repeats one pattern of
/// <see cref="Width"/> features per row (row i holds the values of row i mod <see cref="Period"/>),
/// so memory holds one block whatever the row count. It gives its own block cursor, as a fast user view would.
/// </summary>
internal sealed class GeneratedDataView : IDataView
{
    public const int Period = 64;
    private readonly long _rows;
    private readonly float[] _pattern;

    public GeneratedDataView(long rows, int width)
    {
        _rows = rows;
        Width = width;
        _pattern = new float[DataViewBlockCursor.DefaultBlockRows * width];
        for (var i = 0; i < _pattern.Length; i++)
        {
            _pattern[i] = Value(i / width % Period, i % width);
        }

        Schema = new DataViewSchema([("Features", new VectorDataViewType(width))]);
    }

    public int Width { get; }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _rows;

    public static float Value(long row, int index) => 0.5f + 0.4f * MathF.Sin(row * 0.7f + index * 0.01f);

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        throw new NotSupportedException("read this view by blocks");

    public DataViewBlockCursor GetBlockCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, int maxBlockRows, Random? rand = null) =>
        new Cursor(this, Math.Min(maxBlockRows, DataViewBlockCursor.DefaultBlockRows) / Period * Period);

    private sealed class Cursor(GeneratedDataView view, int blockRows) : DataViewBlockCursor
    {
        private long _position = -1;
        private int _rowCount;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override int RowCount => _rowCount;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override bool MoveNext()
        {
            _position = _position < 0 ? 0 : _position + _rowCount;
            _rowCount = (int)Math.Clamp(view._rows - _position, 0, blockRows);
            return _rowCount > 0;
        }

        public override ReadOnlyMemory<T> GetValues<T>(DataViewSchema.Column column) =>
            (ReadOnlyMemory<T>)(object)new ReadOnlyMemory<float>(view._pattern, 0, _rowCount * view.Width);
    }
}
