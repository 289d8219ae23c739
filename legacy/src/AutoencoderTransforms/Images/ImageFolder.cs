namespace Autoencoders.Data;

/// <summary>
/// The image files under a folder, as the view <c>ml.Data.LoadFromImageFolder</c> returns: what
/// ML.NET users write by hand in every image sample. Files are found by extension, in ordinal
/// order of their path; other files are left out.
/// </summary>
internal static class ImageFolder
{
    /// <summary>The extensions of the files listed: what the codecs here decode.</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".pgm", ".ppm", ".pbm"];

    public static IDataView Load(string folder, bool useFolderNameAsLabel, string imagePathColumnName, string labelColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        SchemaRequirements.RequireName(imagePathColumnName, nameof(imagePathColumnName));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The image folder '{Path.GetFullPath(folder)}' does not exist.");
        }

        var paths = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Select(path => Path.GetRelativePath(folder, path))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (paths.Length == 0)
        {
            throw new ArgumentException(
                $"The folder '{Path.GetFullPath(folder)}' holds no image files ({string.Join(", ", Extensions)}) in it or below it.", nameof(folder));
        }

        var columns = new List<(string, DataColumn)> { (imagePathColumnName, new DataColumn<string>(TextDataViewType.Instance, paths)) };
        if (useFolderNameAsLabel)
        {
            SchemaRequirements.RequireName(labelColumnName, nameof(labelColumnName));
            var labels = paths.Select(path => Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } parent ? parent : "").ToArray();
            columns.Add((labelColumnName, new DataColumn<string>(TextDataViewType.Instance, labels)));
        }

        return new ColumnarDataView(columns);
    }
}
