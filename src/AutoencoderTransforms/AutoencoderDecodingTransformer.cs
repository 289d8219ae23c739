using Autoencoders.Trainers;
using Autoencoders.Trainers.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// Decodes a column of codes (<see cref="AutoencoderModel.LatentWidth"/> Singles per row) into rows
/// of the autoencoder's input width, with a trained autoencoder's decoder: to see what a code, an
/// interpolation between codes or a variational model's sample stands for. Lazy and mini-batched like
/// the other components; saved as ML.NET's OnnxTransformer over the decoder's graph.
/// </summary>
public sealed class AutoencoderDecodingTransformer : AutoencoderTransformerBase, IDisposable
{
    internal AutoencoderDecodingTransformer(AutoencoderModel model, string codeColumnName, string outputColumnName)
    {
        Model = model;
        CodeColumnName = codeColumnName;
        OutputColumnName = outputColumnName;
    }

    /// <summary>The autoencoder decoding (this transformer's own copy).</summary>
    public AutoencoderModel Model { get; }

    /// <summary>The column of codes read.</summary>
    public string CodeColumnName { get; }

    /// <summary>The column of decoded rows written.</summary>
    public string OutputColumnName { get; }

    /// <inheritdoc />
    private protected override BatchMapping Mapping(DataViewSchema inputSchema) => new(CodeColumnName, Model.LatentWidth, [MappedColumn.Vector(OutputColumnName, Model.InputWidth)],
        (codes, outputs) => Model.Decode(codes, outputs[0]));

    /// <inheritdoc />
    private protected override OnnxHandOff.SavedForm SavedForm() => OnnxHandOff.Decoder(Model, CodeColumnName, OutputColumnName);

    /// <summary>Releases this transformer's copy of the autoencoder.</summary>
    public void Dispose() => Model.Dispose();
}
