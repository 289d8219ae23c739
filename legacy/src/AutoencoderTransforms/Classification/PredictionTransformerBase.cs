using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// What the linear classifiers' prediction transformers share (ML.NET's
/// <c>PredictionTransformerBase&lt;TModel&gt;</c>): the model, the feature column it reads, and the
/// classifier's margins turned into the prediction columns, in memory, in model files and in ONNX.
/// A row with a missing (NaN) feature scores NaN, as in ML.NET. Immutable and safe to use from
/// several threads.
/// </summary>
/// <typeparam name="TModel">The model parameters.</typeparam>
public abstract class PredictionTransformerBase<TModel> : ITransformer, IPersistableTransformer, IOnnxExportable
    where TModel : class
{
    private protected PredictionTransformerBase(TModel model, LinearClassifier classifier, string featureColumnName)
    {
        Model = model;
        Classifier = classifier;
        FeatureColumnName = featureColumnName;
    }

    /// <summary>The fitted model parameters.</summary>
    public TModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    private protected LinearClassifier Classifier { get; }

    /// <summary>The kind model files record for this transformer.</summary>
    private protected abstract string SavedKind { get; }

    /// <summary>Which prediction columns the classifier adds.</summary>
    private protected abstract PredictionKind Prediction { get; }

    /// <summary>The prediction columns added.</summary>
    private protected abstract DataViewSchema.DetachedColumn[] Outputs { get; }

    /// <summary>Whether <c>PredictedLabel</c> is a key.</summary>
    private protected virtual bool Keyed => false;

    /// <summary>The prediction columns' values for a block's margins (rows x margin count).</summary>
    private protected abstract Array[] Predictions(float[] margins);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, FeatureColumnName, Classifier.InputWidth);
        return inputSchema.With(Outputs);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [FeatureColumnName], Outputs,
            block => Predictions(Classifier.Margins(SchemaRequirements.BlockFeatures(block, FeatureColumnName, allowMissing: true))));
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context) =>
        ClassifierOutputs.ExportToOnnx(context, Prediction, Outputs, LinearModelPersistence.ExportMargins(context, Classifier, context.Read(FeatureColumnName)), Keyed);

    JsonObject IPersistableTransformer.Save(ModelSaveContext context)
    {
        var json = new JsonObject
        {
            ["kind"] = SavedKind,
            ["features"] = FeatureColumnName,
            ["model"] = LinearModelPersistence.Save(Classifier),
        };
        SaveSettings(json);
        return json;
    }

    /// <summary>Adds the transformer's own settings to what model files record of it.</summary>
    private protected virtual void SaveSettings(JsonObject json)
    {
    }

    /// <summary>The feature column a saved classifier names.</summary>
    private protected static string FeatureColumn(JsonObject json, ModelLoadContext context) =>
        (string?)json["features"] ?? throw context.Corrupt("a classifier names no feature column");
}
