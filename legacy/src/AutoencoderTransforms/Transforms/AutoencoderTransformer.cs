using System.Text.Json.Nodes;
using Autoencoders.Onnx;

namespace Autoencoders.Transforms;

/// <summary>
/// A fitted autoencoder as a column transform: outputs each row's code (embedding) or its
/// reconstruction. Safe to use from several threads; dispose it to free the native model.
/// </summary>
public sealed class AutoencoderTransformer : ITransformer, IPersistableTransformer, IOnnxExportable, IDisposable
{
    internal const string Kind = "autoencoder";

    /// <summary>What the transformer outputs.</summary>
    public enum OutputKind
    {
        /// <summary>The encoder's code: <see cref="AutoencoderModel.LatentWidth"/> values.</summary>
        Embedding,
        /// <summary>The decoder's reconstruction of the input.</summary>
        Reconstruction,
    }

    internal AutoencoderTransformer(string outputColumnName, string inputColumnName, OutputKind output, AutoencoderModel model, IReadOnlyList<EpochProgress> trainingHistory)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Output = output;
        Model = model;
        TrainingHistory = trainingHistory;
    }

    /// <summary>The column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Whether the code or the reconstruction is produced.</summary>
    public OutputKind Output { get; }

    /// <summary>The trained autoencoder.</summary>
    public AutoencoderModel Model { get; }

    /// <summary>The losses of each training epoch; a loaded model keeps them (empty for files saved before models kept them).</summary>
    public IReadOnlyList<EpochProgress> TrainingHistory { get; }

    private int OutputWidth => Output == OutputKind.Embedding ? Model.LatentWidth : Model.InputWidth;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, InputColumnName, Model.InputWidth);
        return inputSchema.With((OutputColumnName, new VectorDataViewType(OutputWidth)));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var width = OutputWidth;
        return new MappedDataView(input, [InputColumnName], [(OutputColumnName, new VectorDataViewType(width))], block =>
        {
            var features = SchemaRequirements.BlockFeatures(block, InputColumnName);
            var output = new float[block.RowCount * width];
            if (Output == OutputKind.Embedding) Model.Encode(features, output);
            else Model.Reconstruct(features, output);
            return [output];
        });
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();

    void IOnnxExportable.ExportToOnnx(OnnxExportContext context)
    {
        var code = AutoencoderOnnxGraph.Encode(context, Model, context.Read(InputColumnName));
        var output = Output == OutputKind.Embedding ? code : AutoencoderOnnxGraph.Decode(context, Model, code);
        context.Write(OutputColumnName, output);
    }

    JsonObject IPersistableTransformer.Save(ModelSaveContext context) => new()
    {
        ["kind"] = Kind,
        ["output"] = OutputColumnName,
        ["input"] = InputColumnName,
        ["produces"] = Output.ToString(),
        ["autoencoder"] = context.SaveAutoencoder(Model),
        ["trainingHistory"] = ModelSaveContext.SaveTrainingHistory(TrainingHistory),
    };

    internal static AutoencoderTransformer Load(JsonObject json, ModelLoadContext context)
    {
        var output = Enum.Parse<OutputKind>((string)json["produces"]!);
        var history = context.LoadTrainingHistory(json["trainingHistory"]);
        var model = context.LoadAutoencoder(json["autoencoder"]);
        return new AutoencoderTransformer((string)json["output"]!, (string)json["input"]!, output, model, history);
    }
}
