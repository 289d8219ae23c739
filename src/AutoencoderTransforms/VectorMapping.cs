using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// An ML.NET transformer that maps one column of Single vectors to a new one through a function of
/// ours, built on ML.NET's CustomMapping with schema definitions of the run-time sizes: lazy cursors,
/// parallel cursors, <c>PredictionEngine</c> and schema propagation come from ML.NET. It is never
/// saved itself (our transformers save by <see cref="OnnxHandOff"/>).
/// </summary>
internal static class VectorMapping
{
    /// <summary>The mapping of <paramref name="inputColumn"/> (<paramref name="inputWidth"/> values) to <paramref name="outputColumn"/> (<paramref name="outputWidth"/> values, slots named <paramref name="slotPrefix"/>0, 1, ...).</summary>
    public static ITransformer Create(string inputColumn, int inputWidth, string outputColumn, int outputWidth, string slotPrefix,
        MapRows map)
    {
        var input = SchemaDefinition.Create(typeof(VectorInput), SchemaDefinition.Direction.Read);
        input[0].ColumnName = inputColumn;
        input[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, inputWidth);
        var output = SchemaDefinition.Create(typeof(VectorOutput), SchemaDefinition.Direction.Write);
        output[0].ColumnName = outputColumn;
        output[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, outputWidth);
        var slotNames = Enumerable.Range(0, outputWidth).Select(i => (slotPrefix + i).AsMemory()).ToArray();
        output[0].AddAnnotation("SlotNames", new VBuffer<ReadOnlyMemory<char>>(outputWidth, slotNames),
            new VectorDataViewType(TextDataViewType.Instance, outputWidth));

        var ml = new MLContext();
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<VectorInput>(), input);
        return ml.Transforms.CustomMapping<VectorInput, VectorOutput>((row, result) =>
        {
            if (result.Values is null || result.Values.Length != outputWidth)
            {
                result.Values = new float[outputWidth];
            }

            map(row.Values, result.Values);
        }, contractName: null, input, output).Fit(empty);
    }

    /// <summary>Writes the output values of whole rows in <paramref name="rows"/> to <paramref name="destination"/>.</summary>
    public delegate void MapRows(ReadOnlySpan<float> rows, Span<float> destination);

    /// <summary>One input row, as CustomMapping hands it over.</summary>
    public sealed class VectorInput
    {
        /// <summary>The row's values.</summary>
        public float[] Values { get; set; } = [];
    }

    /// <summary>One output row, as CustomMapping takes it.</summary>
    public sealed class VectorOutput
    {
        /// <summary>The row's values.</summary>
        public float[] Values { get; set; } = [];
    }
}
