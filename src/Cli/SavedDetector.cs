using Autoencoders.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Autoencoders.Cli;

/// <summary>A model file loaded: the fitted pipeline and the columns it reads. Disposing it frees the pipeline's native weights.</summary>
internal sealed class SavedDetector : IDisposable
{
    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    public SavedDetector(MLContext ml, string path)
    {
        Path = path;
        Model = SavedModelLoading.Load(ml, path, out var inputSchema);
        InputSchema = inputSchema;
        var images = Model.GetOutputSchema(inputSchema).Select(column => column.Type).OfType<ImageDataViewType>().ToList();
        if (images.Count > 0)
        {
            var resized = images.LastOrDefault(image => image.Height > 0)
                ?? throw new InvalidDataException($"The model '{path}' loads images without resizing them; the commands read models that train wrote.");
            ImageSize = (resized.Height, resized.Width);
        }
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The fitted pipeline.</summary>
    public ITransformer Model { get; }

    /// <summary>The columns the pipeline was trained on.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>For a model that reads image files, the size its images are resized to; null for a model of a table.</summary>
    public (int Height, int Width)? ImageSize { get; }

    /// <inheritdoc />
    public void Dispose() => (Model as IDisposable)?.Dispose();
}
