using System.Text.Json.Nodes;

namespace Autoencoders.Transforms;

/// <summary>
/// A transformer that learns nothing and maps one input column to one output column, so it is its
/// own estimator: what <see cref="KeyToValueMappingTransformer"/>,
/// <see cref="MissingValueIndicatorTransformer"/> and the image transformers share (names, fitting, saving).
/// </summary>
/// <typeparam name="TSelf">The transformer class.</typeparam>
public abstract class OneToOneColumnTransformer<TSelf> : ITransformer, IEstimator<TSelf>, IPersistableTransformer
    where TSelf : OneToOneColumnTransformer<TSelf>
{
    private protected OneToOneColumnTransformer(string outputColumnName, string? inputColumnName)
    {
        OutputColumnName = SchemaRequirements.RequireName(outputColumnName, nameof(outputColumnName));
        InputColumnName = SchemaRequirements.RequireName(inputColumnName ?? outputColumnName, nameof(inputColumnName));
    }

    /// <summary>The column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The kind model files record for this transformer.</summary>
    private protected abstract string SavedKind { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, GetOutputSchema);

    /// <inheritdoc />
    public abstract DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Checks the schema; there is nothing to learn, so the transformer is its own fit.</summary>
    public TSelf Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return (TSelf)this;
    }

    /// <inheritdoc />
    public abstract IDataView Transform(IDataView input);

    /// <summary>Adds the transformer's own settings to what model files record of it.</summary>
    private protected virtual void SaveSettings(JsonObject json)
    {
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject
        {
            ["kind"] = SavedKind,
            ["output"] = OutputColumnName,
            ["input"] = InputColumnName,
        };
        SaveSettings(json);
        return json;
    }
}
