using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>Projects a feature column onto fitted principal components.</summary>
public sealed class PrincipalComponentAnalysisTransformer : ITransformer, IPersistableTransformer, IOnnxExportable
{
    internal const string Kind = "pca";

    internal PrincipalComponentAnalysisTransformer(string outputColumnName, string inputColumnName, PrincipalComponents components)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Components = components;
    }

    /// <summary>The projection column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The fitted components.</summary>
    public PrincipalComponents Components { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, Components.InputWidth);
        return inputSchema.With((OutputColumnName, new VectorDataViewType(Components.Rank)));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, new VectorDataViewType(Components.Rank))], block =>
            [Components.Project(SchemaRequirements.BlockFeatures(block, InputColumnName)).Array]);
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var centered = context.Node("Sub", [context.Read(InputColumnName), context.Constant($"{OutputColumnName}.mean", Components.Mean.ToArray(), Components.InputWidth)],
            $"{OutputColumnName}.centered");
        var basis = context.Constant($"{OutputColumnName}.components", Components.Components.ToArray(), Components.Rank, Components.InputWidth);
        context.Write(OutputColumnName, context.Node("Gemm", [centered, basis], OutputColumnName, OnnxAttributes.Int("transB", 1)));
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["input"] = InputColumnName,
        ["mean"] = JsonFloats.ToJson(Components.Mean),
        ["components"] = JsonFloats.ToJson(Components.Components),
        ["variances"] = JsonFloats.ToJson(Components.Variances),
    };

    internal static PrincipalComponentAnalysisTransformer Load(JsonObject json) =>
        new((string)json["output"]!, (string)json["input"]!,
            new PrincipalComponents(FromJson(json["mean"]), FromJson(json["components"]), FromJson(json["variances"])));

    private static float[] FromJson(JsonNode? node) => JsonFloats.Read(node) ?? throw new FormatException("principal components are not arrays of numbers");
}
