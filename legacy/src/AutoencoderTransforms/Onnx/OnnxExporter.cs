using System.Reflection;
using Autoencoders.Onnx.Protobuf;

namespace Autoencoders.Onnx;

/// <summary>Turns a fitted chain into one ONNX model: every transformer checked first, the graph built in memory.</summary>
internal static class OnnxExporter
{
    /// <summary>The ONNX IR version written (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The version of the default (<c>ai.onnx</c>) operator set the graph uses.</summary>
    public const long OperatorSetVersion = 17;

    /// <summary>The version of the <c>ai.onnx.ml</c> operator set (tree ensembles, label encoders), imported only when used.</summary>
    public const long MachineLearningOperatorSetVersion = 3;

    /// <summary>The producer name the model carries.</summary>
    public const string ProducerName = "Autoencoders";

    /// <summary>The ONNX model of <paramref name="model"/> for rows of <paramref name="inputSchema"/>.</summary>
    /// <exception cref="NotSupportedException">A transformer cannot be exported; the message names it.</exception>
    public static ModelProto Export(ITransformer model, DataViewSchema inputSchema)
    {
        model.GetOutputSchema(inputSchema);
        var transformers = Flatten(model).ToList();
        foreach (var (transformer, position) in transformers.Select((transformer, position) => (transformer, position)))
        {
            var refusal = transformer is IOnnxExportable exportable ? exportable.OnnxRefusal : "it has no ONNX form";
            if (refusal is not null)
            {
                throw new NotSupportedException($"The model cannot be exported to ONNX: transformer {position} ({transformer.GetType().Name}) cannot be, because {refusal}.");
            }
        }

        var context = new OnnxExportContext(inputSchema);
        foreach (var transformer in transformers)
        {
            ((IOnnxExportable)transformer).ExportToOnnx(context);
            context.Schema = transformer.GetOutputSchema(context.Schema);
        }

        var onnx = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0",
            Graph = context.Finish(),
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OperatorSetVersion });
        if (context.UsesMachineLearningDomain)
        {
            onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = MachineLearningOperatorSetVersion });
        }

        return onnx;
    }

    /// <summary>The transformers of <paramref name="model"/> in order, nested chains opened.</summary>
    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
}
