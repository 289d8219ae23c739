using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>
/// A CSV or binary file read with the columns a saved model was trained on, found by name: every
/// numeric input column must be there (in a binary file, of the same type); text (identifier) and
/// Boolean (label) columns are read when present. A model of images reads a folder of them instead
/// (<see cref="ImageFolder"/>).
/// </summary>
internal static class ModelInput
{
    /// <summary>
    /// Reads <paramref name="path"/>, a CSV or binary file, for <paramref name="detector"/>'s input schema;
    /// <paramref name="labelColumn"/>, when given, must be there, and is read as a Boolean whether or
    /// not the model was trained with it. For a model of images, <paramref name="path"/> is a folder,
    /// labelled by its folders' names where it holds both kinds, which <paramref name="labelColumn"/> demands (see <see cref="LabelColumn"/>).
    /// </summary>
    public static IDataView Load(MLContext ml, string path, char separator, SavedDetector detector, string? labelColumn = null)
    {
        var inputSchema = detector.InputSchema;
        if (ImageFolder.Is(path) != detector.ImageSize is not null)
        {
            throw new ArgumentException(detector.ImageSize is null
                ? $"'{path}' is a folder, but the model '{detector.Path}' was trained on a table's columns ({string.Join(", ", inputSchema.Select(column => column.Name))}); give it a CSV or binary file."
                : $"The model '{detector.Path}' was trained on images; give it a folder of images rather than the file '{path}'.");
        }

        if (detector.ImageSize is not null)
        {
            return ImageFolder.Load(ml, ImageFolder.TestImages(path), requireLabels: labelColumn is not null);
        }

        var wanted = inputSchema.Select(column => (column.Name, column.Type)).ToList();
        if (labelColumn is not null && inputSchema.GetColumnOrNull(labelColumn) is null)
        {
            wanted.Add((labelColumn, BooleanDataViewType.Instance));
        }

        var binary = BinaryDataFile.Is(path) ? ml.Data.LoadFromBinary(path) : null;
        var names = binary?.Schema.Select(column => column.Name).ToArray() ?? CsvColumnRoles.ReadHeader(path, separator);
        var columns = new List<TextLoader.Column>();
        foreach (var (name, type) in wanted)
        {
            var index = Array.IndexOf(names, name);
            if (index < 0 && (type is not (TextDataViewType or BooleanDataViewType) || name == labelColumn))
            {
                throw new InvalidDataException($"'{path}' has no column '{name}', which the model {(name == labelColumn ? "is evaluated against" : "was trained on")}; its columns are: {string.Join(", ", names)}.");
            }

            if (index >= 0 && binary is not null && !binary.Schema[index].Type.Equals(type))
            {
                throw new InvalidDataException($"'{path}': column '{name}' is {binary.Schema[index].Type}, but the model reads it as {type}.");
            }

            if (index >= 0 && binary is null)
            {
                columns.Add(new TextLoader.Column(name, KindOf(name, type), index));
            }
        }

        return binary ?? CsvColumnRoles.LoadCsv(ml, path, separator, columns.ToArray());
    }

    /// <summary>
    /// The label column to measure <paramref name="path"/> against: for a file, <paramref name="named"/>
    /// or else the Boolean input column the model was trained with, if any; for a folder of images,
    /// the labels of its folders' names, which <paramref name="named"/> cannot replace.
    /// </summary>
    public static string? LabelColumn(string path, SavedDetector detector, string? named)
    {
        if (ImageFolder.Is(path))
        {
            return named is null
                ? ImageFolder.LabelColumn
                : throw new ArgumentException($"--label-column applies to CSV and binary files; the images of the folder '{path}' are labelled by their folders' names ('{ImageFolder.Good}' for normal).");
        }

        return named ?? detector.InputSchema.Where(column => column.Type is BooleanDataViewType).Select(column => column.Name).FirstOrDefault();
    }

    private static DataKind KindOf(string name, DataViewType type) => type switch
    {
        _ when type == NumberDataViewType.Single => DataKind.Single,
        TextDataViewType => DataKind.String,
        BooleanDataViewType => DataKind.Boolean,
        _ => throw new InvalidDataException($"The model's input column '{name}' is {type}, which this command does not read from a CSV; it reads models that train wrote."),
    };
}
