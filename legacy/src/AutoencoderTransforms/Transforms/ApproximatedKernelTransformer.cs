using System.Text.Json.Nodes;
using Autoencoders.Onnx;
using Autoencoders.Trainers;

namespace Autoencoders.Transforms;

/// <summary>Maps a feature column to fitted random Fourier features (ML.NET's ApproximatedKernelMap).</summary>
public sealed class ApproximatedKernelTransformer : ITransformer, IPersistableTransformer, IOnnxExportable
{
    internal const string Kind = "kernel-map";

    internal ApproximatedKernelTransformer(string outputColumnName, string inputColumnName, KernelBase kernel, RandomFourierFeatures map)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Kernel = kernel;
        Map = map;
    }

    /// <summary>The feature column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The kernel approximated.</summary>
    public KernelBase Kernel { get; }

    /// <summary>The fitted frequencies and phases.</summary>
    public RandomFourierFeatures Map { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, Map.InputWidth);
        return inputSchema.With((OutputColumnName, new VectorDataViewType(Map.OutputWidth)));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, new VectorDataViewType(Map.OutputWidth))], block =>
            [Map.Map(SchemaRequirements.BlockFeatures(block, InputColumnName)).Array]);
    }

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var frequencies = context.Constant($"{OutputColumnName}.frequencies", Map.Frequencies.ToArray(), Map.Rank, Map.InputWidth);
        var input = context.Read(InputColumnName);
        if (Map.Phases is { } phases)
        {
            var shifted = context.Node("Gemm", [input, frequencies, context.Constant($"{OutputColumnName}.phases", phases.ToArray(), Map.Rank)],
                $"{OutputColumnName}.shifted", OnnxAttributes.Int("transB", 1));
            var scale = context.Constant($"{OutputColumnName}.scale", [MathF.Sqrt(2f / Map.Rank)], 1);
            context.Write(OutputColumnName, context.Node("Mul", [context.Node("Cos", [shifted], $"{OutputColumnName}.cos"), scale], OutputColumnName));
            return;
        }

        // Cosine and sine of each frequency side by side: stack them on a third axis, then flatten it.
        var projected = context.Node("Gemm", [input, frequencies], $"{OutputColumnName}.projected", OnnxAttributes.Int("transB", 1));
        var axis = context.Constant($"{OutputColumnName}.axis", [2L], 1);
        var cosines = context.Node("Unsqueeze", [context.Node("Cos", [projected], $"{OutputColumnName}.cos"), axis], $"{OutputColumnName}.cos3");
        var sines = context.Node("Unsqueeze", [context.Node("Sin", [projected], $"{OutputColumnName}.sin"), axis], $"{OutputColumnName}.sin3");
        var pairs = context.Node("Concat", [cosines, sines], $"{OutputColumnName}.pairs", OnnxAttributes.Int("axis", 2));
        var flat = context.Node("Reshape", [pairs, context.Constant($"{OutputColumnName}.shape", [-1L, Map.OutputWidth], 2)], $"{OutputColumnName}.flat");
        var halfScale = context.Constant($"{OutputColumnName}.scale", [MathF.Sqrt(1f / Map.Rank)], 1);
        context.Write(OutputColumnName, context.Node("Mul", [flat, halfScale], OutputColumnName));
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["input"] = InputColumnName,
        ["kernel"] = Kernel.Shape.ToString(),
        ["parameter"] = Kernel.Parameter,
        ["inputWidth"] = Map.InputWidth,
        ["frequencies"] = JsonFloats.ToJson(Map.Frequencies),
        ["phases"] = Map.Phases is { } phases ? JsonFloats.ToJson(phases) : null,
    };

    internal static ApproximatedKernelTransformer Load(JsonObject json)
    {
        var shape = Enum.TryParse<ShiftInvariantKernel>((string?)json["kernel"], out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new FormatException($"'{json["kernel"]}' is not a kernel this library knows.");
        var frequencies = JsonFloats.Read(json["frequencies"]) ?? throw new FormatException("a kernel map's frequencies are not an array of numbers");
        var phases = json["phases"] is null ? null : JsonFloats.Read(json["phases"]) ?? throw new FormatException("a kernel map's phases are not an array of numbers");
        return new((string)json["output"]!, (string)json["input"]!, KernelBase.Create(shape, (float)json["parameter"]!),
            new RandomFourierFeatures(frequencies, phases, (int)json["inputWidth"]!));
    }
}
