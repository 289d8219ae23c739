using Autoencoders.Transforms;
using Autoencoders.Transforms.Data;

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
            var (left, right) = (expected.GetColumn(column), actual.GetColumn(actual.Schema[column.Name]));
            switch (left)
            {
                case DataColumn<float> floats: Assert.Equal(floats.Values.ToArray(), ((DataColumn<float>)right).Values.ToArray()); break;
                case DataColumn<int> ints: Assert.Equal(ints.Values.ToArray(), ((DataColumn<int>)right).Values.ToArray()); break;
                case DataColumn<bool> bools: Assert.Equal(bools.Values.ToArray(), ((DataColumn<bool>)right).Values.ToArray()); break;
                case DataColumn<string> texts: Assert.Equal(texts.Values.ToArray(), ((DataColumn<string>)right).Values.ToArray()); break;
            }
        }
    }
}
