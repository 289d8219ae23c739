namespace Autoencoders.Data;

/// <summary>
/// The rows a supervised trainer learns from, read into memory: features, labels as floats (0/1,
/// a class index 0..K-1, or a value), optional row weights, and the class count and key values
/// when the label is a key. Rows whose key label is 0 (missing) are left out, as ML.NET's trainers do.
/// </summary>
internal sealed record LabelledRows(FeatureMatrix Features, float[] Labels, float[]? Weights, int ClassCount, Array? LabelKeyValues)
{
    /// <summary>The label types <paramref name="kind"/> accepts, in words.</summary>
    public static string AcceptedLabels(PredictionKind kind) => kind switch
    {
        PredictionKind.Binary => "Boolean, or Single or Int32 holding 0 and 1",
        PredictionKind.Multiclass => "a key (MapValueToKey) or Int32 classes 0..K-1",
        _ => "Single",
    };

    /// <summary>Throws, naming the column and what it must be, when <paramref name="label"/>'s type does not suit <paramref name="kind"/>.</summary>
    public static void RequireLabelType(DataViewSchema.Column label, PredictionKind kind)
    {
        var accepted = kind switch
        {
            PredictionKind.Binary => label.Type is BooleanDataViewType || label.Type.Equals(NumberDataViewType.Single) || label.Type.Equals(NumberDataViewType.Int32),
            PredictionKind.Multiclass => label.Type.Equals(NumberDataViewType.Int32) || label.Type is KeyDataViewType,
            _ => label.Type.Equals(NumberDataViewType.Single),
        };
        if (!accepted)
        {
            throw new ArgumentException($"Label column '{label.Name}' is {label.Type} but must be {AcceptedLabels(kind)}.", "inputSchema");
        }
    }

    /// <summary>
    /// Reads <paramref name="featureColumnName"/>, <paramref name="labelColumnName"/> and, when
    /// named, the Single column <paramref name="weightColumnName"/>. Features may hold NaN (missing)
    /// but not infinity; rows with a NaN feature are kept for trainers that handle them
    /// (<paramref name="keepRowsWithMissingFeatures"/>), and left out, as ML.NET's linear trainers do, otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">A label that does not suit <paramref name="kind"/> (naming its row), a non-finite or negative weight, or no labelled row.</exception>
    public static LabelledRows Read(IDataView input, string featureColumnName, string labelColumnName, string? weightColumnName, PredictionKind kind,
        bool keepRowsWithMissingFeatures)
    {
        var label = SchemaRequirements.RequireColumn(input.Schema, labelColumnName);
        RequireLabelType(label, kind);
        var names = new List<string> { featureColumnName, labelColumnName };
        if (weightColumnName is not null)
        {
            var weight = SchemaRequirements.RequireColumn(input.Schema, weightColumnName);
            if (!weight.Type.Equals(NumberDataViewType.Single))
            {
                throw new ArgumentException($"Weight column '{weightColumnName}' is {weight.Type} but must be Single.", nameof(input));
            }

            names.Add(weightColumnName);
        }

        var rows = ColumnarDataView.Read(input, names.Distinct().ToArray());
        var featureColumn = rows.Schema[featureColumnName];
        var features = new FeatureMatrix(((DataColumn<float>)rows.Column(featureColumn)).Array, DataViewBlockCursor.ValuesPerRow(featureColumn));
        features.EnsureFinite(featureColumnName, allowMissing: true);
        var weights = weightColumnName is null ? null : ((DataColumn<float>)rows.Column(rows.Schema[weightColumnName])).Array;
        for (var row = 0; row < (weights?.Length ?? 0); row++)
        {
            if (!(weights![row] >= 0) || !float.IsFinite(weights[row]))
            {
                throw new ArgumentException($"Row {row} of weight column '{weightColumnName}' is {weights[row]}; weights must be finite and 0 or more.", nameof(input));
            }
        }

        LabelledRows result;
        if (label.Type is KeyDataViewType key)
        {
            var keys = ((DataColumn<uint>)rows.Column(rows.Schema[labelColumnName])).Array;
            result = new LabelledRows(features, Array.ConvertAll(keys, k => (float)k - 1), weights, checked((int)key.Count), label.Annotations.Get(DataViewSchema.Annotations.KeyValues))
                .Only(row => keys[row] != 0);
        }
        else
        {
            var labels = ReadLabels(rows, labelColumnName, kind);
            var classes = kind == PredictionKind.Multiclass ? (int)labels.DefaultIfEmpty(-1f).Max() + 1 : 0;
            result = new LabelledRows(features, labels, weights, classes, null);
        }

        if (!keepRowsWithMissingFeatures)
        {
            var labelled = result.Features;
            result = result.Only(row => !DataOperationsCatalog.HasNaN(labelled.Row(row)));
        }

        if (result.Labels.Length == 0)
        {
            throw new ArgumentException($"Label column '{labelColumnName}' has no labelled row to learn from.", nameof(input));
        }

        return result;
    }

    /// <summary>The rows for which <paramref name="keep"/> holds (this one when it holds for all).</summary>
    private LabelledRows Only(Func<int, bool> keep)
    {
        var kept = Enumerable.Range(0, Features.Rows).Where(keep).ToArray();
        if (kept.Length == Features.Rows)
        {
            return this;
        }

        var values = new float[kept.Length * Features.Columns];
        for (var i = 0; i < kept.Length; i++)
        {
            Features.Row(kept[i]).CopyTo(values.AsSpan(i * Features.Columns));
        }

        return this with
        {
            Features = new FeatureMatrix(values, Features.Columns),
            Labels = kept.Select(row => Labels[row]).ToArray(),
            Weights = Weights is null ? null : kept.Select(row => Weights[row]).ToArray(),
        };
    }

    private static float[] ReadLabels(ColumnarDataView data, string name, PredictionKind kind)
    {
        var labels = data.Column(data.Schema[name]) switch
        {
            DataColumn<bool> booleans => Array.ConvertAll(booleans.Array, value => value ? 1f : 0f),
            DataColumn<int> integers => Array.ConvertAll(integers.Array, value => (float)value),
            var singles => ((DataColumn<float>)singles).Array,
        };
        for (var row = 0; row < labels.Length; row++)
        {
            var valid = kind switch
            {
                PredictionKind.Binary => labels[row] is 0f or 1f,
                PredictionKind.Multiclass => labels[row] >= 0f,
                _ => float.IsFinite(labels[row]),
            };
            if (!valid)
            {
                throw new ArgumentException($"Row {row} of label column '{name}' is {labels[row]}, which is not {AcceptedLabels(kind)}.", nameof(data));
            }
        }

        return labels;
    }
}
