using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Trainers;

/// <summary>Trains gradient-boosted trees with XGBoost for binary, multiclass or regression tasks.</summary>
public sealed class XGBoostTrainer : IEstimator<XGBoostPredictionTransformer>
{
    private readonly XGBoostOptions _options;
    private readonly XGBoostParameters _parameters;

    internal XGBoostTrainer(MLContext context, XGBoostOptions options, XGBoostObjective objective)
    {
        ArgumentNullException.ThrowIfNull(options);
        SchemaRequirements.RequireName(options.LabelColumnName, nameof(options.LabelColumnName));
        SchemaRequirements.RequireName(options.FeatureColumnName, nameof(options.FeatureColumnName));
        options.Validate();
        _options = options;
        _parameters = options.WithSeed(options.Seed ?? context.NextSeed());
        Objective = objective;
    }

    /// <summary>What the trainer learns.</summary>
    public XGBoostObjective Objective { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Propagate(inputSchema, OutputSchema);

    private DataViewSchema OutputSchema(DataViewSchema inputSchema)
    {
        SchemaRequirements.RequireFeatureColumn(inputSchema, _options.FeatureColumnName);
        var label = SchemaRequirements.RequireColumn(inputSchema, _options.LabelColumnName);
        var accepted = Objective switch
        {
            XGBoostObjective.BinaryLogistic => label.Type is BooleanDataViewType || label.Type.Equals(NumberDataViewType.Single) || label.Type.Equals(NumberDataViewType.Int32),
            XGBoostObjective.MulticlassProbabilities => label.Type.Equals(NumberDataViewType.Int32) || label.Type is KeyDataViewType,
            _ => label.Type.Equals(NumberDataViewType.Single),
        };
        if (!accepted)
        {
            var wanted = Objective switch
            {
                XGBoostObjective.BinaryLogistic => "Boolean, or Single or Int32 holding 0 and 1",
                XGBoostObjective.MulticlassProbabilities => "a key (MapValueToKey) or Int32 classes 0..K-1",
                _ => "Single",
            };
            throw new ArgumentException($"Label column '{label.Name}' is {label.Type} but must be {wanted}.", "inputSchema");
        }

        return inputSchema.With(XGBoostPredictionTransformer.OutputColumns(Objective, classCount: 0, label.Type is KeyDataViewType ? label.Annotations : null));
    }

    /// <inheritdoc />
    public XGBoostPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSchema(input.Schema);
        var rows = ColumnarDataView.Read(input, [_options.FeatureColumnName, _options.LabelColumnName]);
        var featureColumn = rows.Schema[_options.FeatureColumnName];
        var features = new FeatureMatrix(((DataColumn<float>)rows.Column(featureColumn)).Array, DataViewBlockCursor.ValuesPerRow(featureColumn));
        features.EnsureFinite(_options.FeatureColumnName, allowMissing: true);
        var labelColumn = input.Schema[_options.LabelColumnName];
        if (labelColumn.Type is KeyDataViewType key)
        {
            var (labelled, classes) = LabelledRows(features, ((DataColumn<uint>)rows.Column(rows.Schema[labelColumn.Name])).Array);
            var keyModel = XGBoostModel.Train(labelled, classes, Objective, _parameters, classCount: checked((int)key.Count));
            return new XGBoostPredictionTransformer(keyModel, _options.FeatureColumnName, labelColumn.Annotations.Get(DataViewSchema.Annotations.KeyValues));
        }

        var labels = ReadLabels(rows, _options.LabelColumnName);
        var model = XGBoostModel.Train(features, labels, Objective, _parameters);
        return new XGBoostPredictionTransformer(model, _options.FeatureColumnName, labelKeyValues: null);
    }

    /// <summary>The rows with a label (key 1..K, class key - 1); rows whose key is 0, a missing label, are left out, as ML.NET's trainers do.</summary>
    private static (FeatureMatrix Features, float[] Classes) LabelledRows(FeatureMatrix features, uint[] keys)
    {
        var labelled = Enumerable.Range(0, keys.Length).Where(row => keys[row] != 0).ToArray();
        if (labelled.Length == keys.Length)
        {
            return (features, Array.ConvertAll(keys, key => (float)(key - 1)));
        }

        var values = new float[labelled.Length * features.Columns];
        for (var i = 0; i < labelled.Length; i++)
        {
            features.Values.Slice(labelled[i] * features.Columns, features.Columns).CopyTo(values.AsSpan(i * features.Columns));
        }

        return (new FeatureMatrix(values, features.Columns), labelled.Select(row => (float)(keys[row] - 1)).ToArray());
    }

    private float[] ReadLabels(ColumnarDataView data, string name)
    {
        var labels = data.Column(data.Schema[name]) switch
        {
            DataColumn<bool> booleans => Array.ConvertAll(booleans.Array, value => value ? 1f : 0f),
            DataColumn<int> integers => Array.ConvertAll(integers.Array, value => (float)value),
            var singles => ((DataColumn<float>)singles).Array,
        };
        for (var row = 0; row < labels.Length; row++)
        {
            var valid = Objective switch
            {
                XGBoostObjective.BinaryLogistic => labels[row] is 0f or 1f,
                XGBoostObjective.MulticlassProbabilities => labels[row] >= 0f,
                _ => float.IsFinite(labels[row]),
            };
            if (!valid)
            {
                throw new ArgumentException($"Row {row} of label column '{name}' is {labels[row]}, which is not a valid {Objective} label.", nameof(data));
            }
        }

        return labels;
    }
}
