using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Cli;

/// <summary>
/// The rows train learns from, read from a CSV file (each column's role decided from its values by
/// <see cref="CsvColumnRoles"/>) or from a file of the library's binary format (roles from its
/// column types: Single columns are features, text columns identifiers).
/// </summary>
/// <param name="Data">The rows.</param>
/// <param name="Features">The feature columns, in file order.</param>
/// <param name="NotUsed">Each other column, with why it is not a feature.</param>
/// <param name="Rows">The number of rows.</param>
internal sealed record TrainingInput(IDataView Data, IReadOnlyList<string> Features, IReadOnlyList<string> NotUsed, long Rows)
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="labelColumn"/> and <paramref name="identifierColumns"/>, when named, must be in it.</summary>
    public static TrainingInput Read(MLContext ml, string path, char separator, string? labelColumn, IReadOnlyCollection<string> identifierColumns)
    {
        if (!BinaryDataFile.Is(path))
        {
            var roles = CsvColumnRoles.Decide(path, separator, labelColumn, identifierColumns);
            return new TrainingInput(roles.Load(ml, path, separator), roles.FeatureNames, roles.NotUsed, roles.Rows);
        }

        var binary = ml.Data.LoadFromBinary(path);
        foreach (var name in identifierColumns.Append(labelColumn).OfType<string>().Where(name => binary.Schema.GetColumnOrNull(name) is null))
        {
            throw new ArgumentException($"'{path}' has no column '{name}'; its columns are: {string.Join(", ", binary.Schema.Select(column => column.Name))}.");
        }

        if (labelColumn is not null && binary.Schema[labelColumn].Type is not BooleanDataViewType)
        {
            throw new InvalidDataException($"'{path}': the label column '{labelColumn}' is {binary.Schema[labelColumn].Type}; it must be Boolean (true = anomaly).");
        }

        var features = new List<string>();
        var notUsed = new List<string>();
        foreach (var column in binary.Schema.Where(column => column.Name != labelColumn))
        {
            if (identifierColumns.Contains(column.Name))
            {
                notUsed.Add($"{column.Name} (named as an identifier)");
            }
            else if (column.Type == NumberDataViewType.Single || column.Type is VectorDataViewType)
            {
                features.Add(column.Name);
            }
            else
            {
                notUsed.Add($"{column.Name} ({column.Type})");
            }
        }

        return features.Count == 0
            ? throw new ArgumentException($"'{path}' has no Single or vector column to learn from besides the label.")
            : new TrainingInput(binary, features, notUsed, binary.GetRowCount() ?? CountRows(binary));
    }

    private static long CountRows(IDataView data)
    {
        using var cursor = data.GetRowCursor([]);
        var rows = 0L;
        while (cursor.MoveNext())
        {
            rows++;
        }

        return rows;
    }
}
