using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// How our transformers add columns computed by the network from one input column of Single vectors:
/// lazily (nothing is computed until a cursor asks for an output column), a batch of rows per network
/// call when a data view is read in order (<see cref="BatchMappedDataView"/>), one row at a time for
/// <c>PredictionEngine</c> (<see cref="BatchMappedRowMapper"/>). A NaN or infinite input value is an
/// error naming the row and slot, never a silent score.
/// </summary>
internal sealed class BatchMapping
{
    /// <summary>Rows a cursor reads ahead and maps in one network call.</summary>
    public const int BatchRows = AutoencoderModel.InferenceBatchRows;

    private readonly MapRows _map;

    /// <summary>A mapping of <paramref name="inputColumn"/> (<paramref name="inputWidth"/> values) to <paramref name="outputs"/> by <paramref name="map"/>.</summary>
    public BatchMapping(string inputColumn, int inputWidth, IReadOnlyList<MappedColumn> outputs, MapRows map)
    {
        InputColumn = inputColumn;
        InputWidth = inputWidth;
        Outputs = outputs;
        _map = map;
    }

    /// <summary>
    /// Writes the outputs of whole rows in <paramref name="rows"/>: output i to
    /// <paramref name="outputs"/>[i] (<see cref="MappedColumn.Width"/> values per row), or nothing
    /// where that is null (the column is not read).
    /// </summary>
    public delegate void MapRows(ReadOnlySpan<float> rows, float[]?[] outputs);

    /// <summary>The column read.</summary>
    public string InputColumn { get; }

    /// <summary>Values per row of the input column.</summary>
    public int InputWidth { get; }

    /// <summary>The columns written, after the input's.</summary>
    public IReadOnlyList<MappedColumn> Outputs { get; }

    /// <summary>The input schema with the output columns added (hiding input columns of the same names).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, not a Single vector, or of another size.</exception>
    public DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        FeatureColumn.RequireWidth(inputSchema, InputColumn, InputWidth);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var output in Outputs)
        {
            builder.AddColumn(output.Name, output.Type, output.Annotations);
        }

        return builder.ToSchema();
    }

    /// <summary>The lazy view of <paramref name="input"/> with the output columns.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BatchMappedDataView(this, input, OutputSchema(input.Schema));
    }

    /// <summary>The row mapper <c>PredictionEngine</c> uses.</summary>
    public IRowToRowMapper RowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new BatchMappedRowMapper(this, inputSchema, OutputSchema(inputSchema));
    }

    /// <summary>
    /// Output buffers for <paramref name="rows"/> rows: an array for each output that
    /// <paramref name="active"/> says is read, null for the others.
    /// </summary>
    public float[]?[] Buffers(bool[] active, int rows) =>
        Outputs.Select((output, i) => active[i] ? new float[rows * output.Width] : null).ToArray();

    /// <summary>Maps whole rows, the first of which is row <paramref name="firstRow"/> of the data (for error messages).</summary>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite.</exception>
    public void Map(ReadOnlySpan<float> rows, long firstRow, float[]?[] outputs)
    {
        var at = FeatureMatrix.FindNonFinite(rows, allowMissing: false);
        if (at >= 0)
        {
            throw new InvalidOperationException(
                $"{FeatureMatrix.DescribeValue(rows, at, InputWidth, InputColumn, firstRow)}: the autoencoder cannot score it. Replace missing values first (ReplaceMissingValues), and read CSV files with MissingRealsAsNaNs so that empty fields are not read as 0.");
        }

        _map(rows, outputs);
    }
}
