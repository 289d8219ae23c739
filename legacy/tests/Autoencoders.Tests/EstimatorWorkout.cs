using Autoencoders.Data;
using Autoencoders.Transforms;

namespace Autoencoders.Tests;

/// <summary>
/// The checks every estimator must pass: it fits; its promised schema is the schema it produces;
/// each invalid input is rejected at schema-check, fit and transform time with a message naming
/// the culprit; and a save/load round trip gives identical outputs.
/// </summary>
internal static class EstimatorWorkout
{
    public static TTransformer Run<TTransformer>(MLContext ml, IEstimator<TTransformer> estimator, IDataView data,
        params (IDataView Data, string ExpectedMessage)[] invalidInputs)
        where TTransformer : class, ITransformer
    {
        var promised = estimator.GetOutputSchema(data.Schema);
        var transformer = estimator.Fit(data);
        var output = transformer.Transform(data);
        Assert.True(promised.IsSatisfiedBy(output.Schema), $"promised [{promised}] but produced [{output.Schema}]");
        Assert.True(transformer.GetOutputSchema(data.Schema).HasSameColumns(output.Schema));
        Assert.Equal(data.GetRowCount(), output.GetRowCount());

        foreach (var (invalid, expected) in invalidInputs)
        {
            Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => estimator.GetOutputSchema(invalid.Schema)).Message);
            Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => estimator.Fit(invalid)).Message);
            Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => transformer.Transform(invalid)).Message);
        }

        var path = Path.Combine(Path.GetTempPath(), $"workout-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(transformer, data.Schema, path);
            var loaded = ml.Model.Load(path, out var savedSchema);
            Assert.True(savedSchema.HasSameColumns(data.Schema));
            AssertSameOutputs(output, loaded.Transform(data));
            (loaded as IDisposable)?.Dispose();
        }
        finally
        {
            File.Delete(path);
        }

        return transformer;
    }

    /// <summary>Every column of both views holds exactly the same values.</summary>
    public static void AssertSameOutputs(IDataView expected, IDataView actual)
    {
        Assert.True(expected.Schema.HasSameColumns(actual.Schema), $"[{expected.Schema}] vs [{actual.Schema}]");
        foreach (var column in expected.Schema)
        {
            switch (column.Type)
            {
                case VectorDataViewType: Assert.Equal(expected.GetColumn<float[]>(column.Name), actual.GetColumn<float[]>(column.Name)); break;
                case var type when type.RawType == typeof(float): Assert.Equal(expected.GetColumn<float>(column.Name), actual.GetColumn<float>(column.Name)); break;
                case var type when type.RawType == typeof(int): Assert.Equal(expected.GetColumn<int>(column.Name), actual.GetColumn<int>(column.Name)); break;
                case var type when type.RawType == typeof(uint): Assert.Equal(expected.GetColumn<uint>(column.Name), actual.GetColumn<uint>(column.Name)); break;
                case var type when type.RawType == typeof(bool): Assert.Equal(expected.GetColumn<bool>(column.Name), actual.GetColumn<bool>(column.Name)); break;
                default: Assert.Equal(expected.GetColumn<string>(column.Name), actual.GetColumn<string>(column.Name)); break;
            }
        }
    }
}
