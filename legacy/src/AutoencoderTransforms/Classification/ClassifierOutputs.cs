using Autoencoders.Onnx;

namespace Autoencoders.Data;

/// <summary>
/// ML.NET's prediction columns, one home for every trainer: binary classification adds <c>Score</c>
/// (the margin), <c>Probability</c> (its logistic) and <c>PredictedLabel</c> (Boolean, score above 0);
/// multiclass adds <c>Score</c> (one probability per class) and <c>PredictedLabel</c> (a key carrying
/// the label's key values when the label was a key, else the Int32 class); regression adds <c>Score</c>.
/// </summary>
internal static class ClassifierOutputs
{
    /// <summary>The columns added for <paramref name="kind"/>; <paramref name="classCount"/> 0 means not yet known.</summary>
    public static DataViewSchema.DetachedColumn[] Columns(PredictionKind kind, int classCount, DataViewSchema.Annotations? labelAnnotations) => kind switch
    {
        PredictionKind.Binary =>
        [
            new(AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single),
            new(AutoencoderDefaults.ProbabilityColumnName, NumberDataViewType.Single),
            new(AutoencoderDefaults.PredictedLabelColumnName, BooleanDataViewType.Instance),
        ],
        PredictionKind.Multiclass =>
        [
            new(AutoencoderDefaults.ScoreColumnName, classCount > 0 ? new VectorDataViewType(classCount) : VectorDataViewType.UnknownSize),
            labelAnnotations is null
                ? new(AutoencoderDefaults.PredictedLabelColumnName, NumberDataViewType.Int32)
                : new(AutoencoderDefaults.PredictedLabelColumnName, classCount > 0 ? new KeyDataViewType(typeof(uint), classCount) : KeyDataViewType.UnknownCount, labelAnnotations),
        ],
        _ => [new(AutoencoderDefaults.ScoreColumnName, NumberDataViewType.Single)],
    };

    /// <summary>
    /// A trainer's output schema: <paramref name="inputSchema"/> must hold the feature column and a
    /// label that suits <paramref name="kind"/>; the prediction columns are added (the class count
    /// unknown until the fit, PredictedLabel a key carrying the label's key values when it is a key).
    /// </summary>
    public static DataViewSchema TrainerOutputSchema(DataViewSchema inputSchema, string featureColumnName, string labelColumnName, PredictionKind kind)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, featureColumnName);
        var label = SchemaRequirements.RequireColumn(inputSchema, labelColumnName);
        LabelledRows.RequireLabelType(label, kind);
        return inputSchema.With(Columns(kind, classCount: 0, label.Type is KeyDataViewType ? label.Annotations : null));
    }

    /// <summary>Score (the margins), Probability (their logistic) and PredictedLabel (margin above 0).</summary>
    public static Array[] BinaryValues(float[] margins) =>
    [
        margins,
        Array.ConvertAll(margins, margin => 1f / (1f + MathF.Exp(-margin))),
        Array.ConvertAll(margins, margin => margin > 0f),
    ];

    /// <summary>Score (the probabilities, rows x classes) and PredictedLabel (the likeliest class, as a key 1..K when <paramref name="keyed"/>).</summary>
    public static Array[] MulticlassValues(float[] probabilities, int classCount, bool keyed)
    {
        var classes = new int[probabilities.Length / classCount];
        for (var row = 0; row < classes.Length; row++)
        {
            classes[row] = ClassScores.Highest(probabilities.AsSpan(row * classCount, classCount));
        }

        return [probabilities, keyed ? Array.ConvertAll(classes, k => (uint)k + 1) : classes];
    }

    /// <summary>Each row's softmax of its <paramref name="classCount"/> margins, in place.</summary>
    public static float[] Softmax(float[] margins, int classCount)
    {
        for (var row = 0; row < margins.Length / classCount; row++)
        {
            var values = margins.AsSpan(row * classCount, classCount);
            var highest = float.NegativeInfinity;
            foreach (var value in values)
            {
                highest = MathF.Max(highest, value);
            }

            float sum = 0;
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = MathF.Exp(values[k] - highest);
                sum += values[k];
            }

            for (var k = 0; k < values.Length; k++)
            {
                values[k] /= sum;
            }
        }

        return margins;
    }

    /// <summary>Writes <paramref name="columns"/> (from <see cref="Columns"/>) computed from the <paramref name="margins"/> value in the graph.</summary>
    public static void ExportToOnnx(OnnxExportContext context, PredictionKind kind, DataViewSchema.DetachedColumn[] columns, string margins, bool keyed)
    {
        switch (kind)
        {
            case PredictionKind.Binary:
                context.Write(columns[0].Name, margins);
                context.Write(columns[1].Name, context.Node("Sigmoid", [margins], columns[1].Name));
                context.Write(columns[2].Name, context.Node("Greater", [margins, context.Constant("zero", [0f], 1)], columns[2].Name));
                break;
            case PredictionKind.Multiclass:
                context.Write(columns[0].Name, context.Node("Softmax", [margins], columns[0].Name, OnnxAttributes.Int("axis", 1)));
                var best = context.Node("ArgMax", [margins], "best_class", OnnxAttributes.Int("axis", 1), OnnxAttributes.Int("keepdims", 1));
                var label = keyed ? context.Node("Add", [best, context.Constant("key_offset", [1L], 1)], "best_key") : best;
                context.Write(columns[1].Name, context.Cast(label, columns[1].Type, columns[1].Name));
                break;
            default:
                context.Write(columns[0].Name, margins);
                break;
        }
    }
}
