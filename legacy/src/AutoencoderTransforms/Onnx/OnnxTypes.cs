using Autoencoders.Onnx.Protobuf;

namespace Autoencoders.Onnx;

/// <summary>
/// How columns look in an exported graph, as ML.NET exports them: a tensor of one row per
/// example, a vector column's values across (rows x size), any other column as (rows x 1).
/// </summary>
internal static class OnnxTypes
{
    /// <summary>The element type and row width of <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">ONNX export has no form for the type; the message names the column.</exception>
    public static (TensorProto.Types.DataType Type, long Width) Of(DataViewType type, string column) => type switch
    {
        VectorDataViewType { Size: > 0 } vector => (TensorProto.Types.DataType.Float, vector.Size),
        _ when type == NumberDataViewType.Single => (TensorProto.Types.DataType.Float, 1),
        _ when type == NumberDataViewType.Int32 => (TensorProto.Types.DataType.Int32, 1),
        BooleanDataViewType => (TensorProto.Types.DataType.Bool, 1),
        TextDataViewType => (TensorProto.Types.DataType.String, 1),
        KeyDataViewType { Count: > 0 } => (TensorProto.Types.DataType.Uint32, 1),
        _ => throw new NotSupportedException($"The column '{column}' of type {type} has no ONNX form."),
    };
}
