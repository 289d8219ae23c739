using Autoencoders.Data;

namespace Autoencoders.Tests;

/// <summary>ML.NET's schema propagation over shapes: estimators promise a <see cref="SchemaShape"/>, and a user's estimator written to ML.NET's interface chains with ours.</summary>
public sealed class SchemaShapeTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void AShapeTellsScalarsVectorsKeysAndAnnotationsApart()
    {
        var data = _ml.Transforms.Conversion.MapValueToKey("NameKey", "Name")
            .Append(_ml.Transforms.Concatenate("Features", "Age", "Income"))
            .Fit(TestData.Tabular(_ml, 20)).Transform(TestData.Tabular(_ml, 20));
        var shape = SchemaShape.Create(data.Schema);

        Assert.Equal(data.Schema.Select(column => column.Name), shape.Select(column => column.Name));
        Assert.True(shape.TryFindColumn("Features", out var features));
        Assert.Equal((SchemaShape.Column.VectorKind.Vector, "Vector<Single>", false), (features.Kind, features.GetTypeString(), features.IsKey));
        Assert.Equal(["SlotNames"], features.Annotations.Select(annotation => annotation.Name));
        Assert.True(shape.TryFindColumn("NameKey", out var key));
        Assert.Equal((SchemaShape.Column.VectorKind.Scalar, true), (key.Kind, key.IsKey));
        Assert.Equal(TextDataViewType.Instance, key.Annotations.Single(annotation => annotation.Name == "KeyValues").ItemType);
        Assert.True(shape.TryFindColumn("Age", out var age));
        Assert.Equal((NumberDataViewType.Single, false), (age.ItemType, age.IsKey));
        Assert.False(shape.TryFindColumn("Nowhere", out _));
        Assert.Throws<ArgumentException>(() => new SchemaShape([default(SchemaShape.Column)]));
    }

    [Fact]
    public void AChainPromisesItsOutputShapeAndItsExactSchemaAndRefusesAMissingColumn()
    {
        var data = TestData.Tabular(_ml, 20);
        var pipeline = _ml.Transforms.Concatenate("Features", "Age", "Income", "Readings").Append(_ml.Transforms.NormalizeMinMax("Features"));

        var shape = pipeline.GetOutputSchema(SchemaShape.Create(data.Schema));
        Assert.True(shape.TryFindColumn("Features", out var features));
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, features.Kind);
        Assert.Equal(new VectorDataViewType(5), pipeline.GetOutputSchema(data.Schema)["Features"].Type);

        var withoutIncome = SchemaShape.Create(data.Schema).Where(column => column.Name != "Income");
        Assert.Contains("Income", Assert.ThrowsAny<ArgumentException>(() => pipeline.GetOutputSchema(new SchemaShape(withoutIncome))).Message);
    }

    [Fact]
    public void AUsersEstimatorWrittenToMLNetsInterfaceChainsWithOurs()
    {
        var data = TestData.Tabular(_ml, 20);
        var pipeline = new RequiresColumn("Age").Append(_ml.Transforms.NormalizeMinMax("Age"));

        Assert.True(pipeline.GetOutputSchema(SchemaShape.Create(data.Schema)).TryFindColumn("Age", out _));
        Assert.Equal(20, pipeline.Fit(data).Transform(data).GetColumn<float>("Age").Count());
        var noAge = _ml.Data.LoadFromEnumerable(new[] { new TextRow() });
        Assert.Contains("needs 'Age'", Assert.Throws<ArgumentException>(() => pipeline.Fit(noAge)).Message);
    }

    /// <summary>An estimator as ML.NET users write one: it checks the shape and passes the data through.</summary>
    private sealed class RequiresColumn(string columnName) : IEstimator<ITransformer>, ITransformer
    {
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
            inputSchema.TryFindColumn(columnName, out _) ? inputSchema : throw new ArgumentException($"The data needs '{columnName}'.", nameof(inputSchema));

        public ITransformer Fit(IDataView input) => this;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IDataView Transform(IDataView input) => input;
    }
}
