using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>A model file loaded: the fitted pipeline and the columns it reads. Disposing it frees the pipeline's native weights.</summary>
internal sealed class SavedDetector : IDisposable
{
    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    public SavedDetector(MLContext ml, string path)
    {
        Model = ml.Model.Load(path, out var inputSchema);
        InputSchema = inputSchema;
    }

    /// <summary>The fitted pipeline.</summary>
    public ITransformer Model { get; }

    /// <summary>The columns the pipeline was trained on.</summary>
    public DataViewSchema InputSchema { get; }

    /// <inheritdoc />
    public void Dispose() => (Model as IDisposable)?.Dispose();
}
