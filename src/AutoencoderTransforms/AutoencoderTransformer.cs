using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// Writes each row's autoencoder code (Singles with slot names "Code0", "Code1", ...) or
/// reconstruction (slot names as the input's) as a new column, as <see cref="Output"/> says. Lazy:
/// nothing is computed until a cursor asks for the column, then a batch of rows per network call.
/// Saved by <c>mlContext.Model.Save</c> as ML.NET's own OnnxTransformer over the network's ONNX
/// graph, which plain ML.NET loads and scores with the same outputs.
/// </summary>
public sealed class AutoencoderTransformer : AutoencoderTransformerBase, IDisposable
{
    internal AutoencoderTransformer(AutoencoderModel model, string inputColumnName, string outputColumnName, AutoencoderOutput output,
        IReadOnlyList<EpochProgress> history)
    {
        Model = model;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Output = output;
        History = history;
    }

    /// <summary>The trained autoencoder (to decode, sample, or export).</summary>
    public AutoencoderModel Model { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>What is written: the code or the reconstruction.</summary>
    public AutoencoderOutput Output { get; }

    /// <summary>Each training epoch's losses.</summary>
    public IReadOnlyList<EpochProgress> History { get; }

    /// <inheritdoc />
    private protected override BatchMapping Mapping(DataViewSchema inputSchema)
    {
        FeatureColumn.RequireWidth(inputSchema, InputColumnName, Model.InputWidth);
        return Output == AutoencoderOutput.Code
            ? new BatchMapping(InputColumnName, Model.InputWidth,
                [MappedColumn.Vector(OutputColumnName, Model.LatentWidth, MappedColumn.SlotNames("Code", Model.LatentWidth))],
                (rows, outputs) => Model.Encode(rows, outputs[0]))
            : new BatchMapping(InputColumnName, Model.InputWidth,
                [MappedColumn.Vector(OutputColumnName, Model.InputWidth, MappedColumn.SlotNamesOf(inputSchema[InputColumnName]))],
                (rows, outputs) => Model.Reconstruct(rows, outputs[0]));
    }

    /// <inheritdoc />
    private protected override OnnxHandOff.SavedForm SavedForm() => OnnxHandOff.Transformer(Model, InputColumnName,
        Output == AutoencoderOutput.Code ? new AutoencoderGraphOutputs { Code = OutputColumnName } : new AutoencoderGraphOutputs { Reconstruction = OutputColumnName });

    /// <summary>Releases the autoencoder's native memory.</summary>
    public void Dispose() => Model.Dispose();
}
