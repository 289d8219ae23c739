using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace Autoencoders.Transforms;

/// <summary>
/// Loads a saved model with <c>mlContext.Model.Load</c>, loading again when ONNX Runtime misread one
/// of its graphs. ML.NET hands each saved graph to ONNX Runtime through a temporary file named by
/// <see cref="Path.GetRandomFileName"/>, whose random three-letter extension is "ort" once in 32,768
/// files; ONNX Runtime then reads the file as its own ORT format and fails with "ORT model
/// verification failed". The same bytes load under any other name, so loading again succeeds.
/// </summary>
internal static class SavedModelLoading
{
    /// <summary>Loads beyond the first; each fails with odds of 1 in 32,768 per graph.</summary>
    private const int Retries = 3;

    /// <summary>The model saved in <paramref name="stream"/> (seekable), read from its current position.</summary>
    public static ITransformer Load(MLContext ml, Stream stream, out DataViewSchema inputSchema)
    {
        var start = stream.Position;
        DataViewSchema? schema = null;
        var model = Retrying(() =>
        {
            stream.Position = start;
            return ml.Model.Load(stream, out schema);
        });
        inputSchema = schema!;
        return model;
    }

    /// <summary>The model saved in the file at <paramref name="path"/>.</summary>
    public static ITransformer Load(MLContext ml, string path, out DataViewSchema inputSchema)
    {
        DataViewSchema? schema = null;
        var model = Retrying(() => ml.Model.Load(path, out schema));
        inputSchema = schema!;
        return model;
    }

    /// <summary><paramref name="load"/>'s result, calling it again (up to <see cref="Retries"/> more times) while it fails as <see cref="IsOrtFormatMisread"/> tells.</summary>
    internal static T Retrying<T>(Func<T> load)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return load();
            }
            catch (Exception error) when (attempt < Retries && IsOrtFormatMisread(error))
            {
            }
        }
    }

    /// <summary>Whether <paramref name="error"/> or an exception inside it is ONNX Runtime failing to read a graph as its own ORT format.</summary>
    internal static bool IsOrtFormatMisread(Exception error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is OnnxRuntimeException && inner.Message.Contains("ORT model verification failed", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
