namespace Autoencoders.Onnx;

/// <summary>A fitted transformer that can write itself into an ONNX graph.</summary>
internal interface IOnnxExportable
{
    /// <summary>Why this transformer, as configured, cannot be exported; null when it can.</summary>
    string? OnnxRefusal => null;

    /// <summary>Reads its input columns from <paramref name="context"/>, adds its nodes and writes its output columns.</summary>
    void ExportToOnnx(OnnxExportContext context);
}
