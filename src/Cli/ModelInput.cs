using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>
/// A CSV or binary file read with the columns a saved model was trained on, found by name: every
/// numeric input column must be there (in a binary file, of the same type); text (identifier) and
/// Boolean (label) columns are read when present.
/// </summary>
internal static class ModelInput
{
    /// <summary>
    /// Reads <paramref name="path"/>, a CSV or binary file, for <paramref name="inputSchema"/>;
    /// <paramref name="labelColumn"/>, when given, must be there, and is read as a Boolean whether or
    /// not the model was trained with it.
    /// </summary>
    public static IDataView Load(MLContext ml, string path, char separator, DataViewSchema inputSchema, string? labelColumn = null)
    {
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

    /// <summary>The Boolean input column the model was trained with as its label, if any.</summary>
    public static string? LabelColumn(DataViewSchema inputSchema) => inputSchema.Where(column => column.Type is BooleanDataViewType).Select(column => column.Name).FirstOrDefault();

    private static DataKind KindOf(string name, DataViewType type) => type switch
    {
        _ when type == NumberDataViewType.Single => DataKind.Single,
        TextDataViewType => DataKind.String,
        BooleanDataViewType => DataKind.Boolean,
        _ => throw new InvalidDataException($"The model's input column '{name}' is {type}, which this command does not read from a CSV; it reads models that train wrote."),
    };
}
