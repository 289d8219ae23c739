using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>The checks on an input column of Single vectors of known size.</summary>
internal static class FeatureColumn
{
    /// <summary>The column's size; an error naming the column and its type unless it is a Single vector of known size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has another type.</exception>
    public static int RequireSize(DataViewSchema schema, string column)
    {
        var found = schema.GetColumnOrNull(column) ?? throw Missing(column);
        return found.Type is VectorDataViewType { ItemType: NumberDataViewType number, IsKnownSize: true } vector && number.RawType == typeof(float)
            ? vector.Size
            : throw new ArgumentOutOfRangeException(nameof(column), column,
                $"The input column '{column}' has type {found.Type}; it must be a vector of Single of known size (Vector<Single, n>).");
    }

    /// <summary>The checks of <see cref="RequireSize"/>, and that the size is the model's <paramref name="width"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing, has another type or another size.</exception>
    public static void RequireWidth(DataViewSchema schema, string column, int width)
    {
        var size = RequireSize(schema, column);
        if (size != width)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column,
                $"The input column '{column}' holds {size} values per row, but the autoencoder was trained on {width}.");
        }
    }

    /// <summary>The same checks on a schema shape, for <c>GetOutputSchema</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has another type.</exception>
    public static void Require(SchemaShape schema, string column)
    {
        if (schema.FirstOrDefault(candidate => candidate.Name == column) is not { Name: not null } found)
        {
            throw Missing(column);
        }

        if (found.Kind != SchemaShape.Column.VectorKind.Vector || found.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column,
                $"The input column '{column}' is a {found.Kind} of {found.ItemType}; it must be a vector of Single of known size (Vector<Single, n>).");
        }
    }

    private static ArgumentOutOfRangeException Missing(string column) => new(nameof(column), column,
        $"The input column '{column}' is not in the data; it must be a vector of Single of known size (e.g. made by Concatenate).");
}
