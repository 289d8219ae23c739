using System.Globalization;
using Autoencoders.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Transforms;

/// <summary>
/// A fitted semi-supervised autoencoder classifier. Adds <c>Score</c> (each class's probability, in
/// the order of the label's keys, named by the label's values where they are text) and
/// <c>PredictedLabel</c> (the most probable class, a key with the label's key values), as ML.NET's
/// multiclass trainers do, so <c>mlContext.MulticlassClassification.Evaluate</c> reads its output.
/// Lazy and mini-batched; safe to use from several threads. NaN or infinite features are refused
/// with an error naming row and slot. Saved by <c>mlContext.Model.Save</c> as ML.NET's OnnxTransformer
/// over the network's ONNX graph, a small mapping from the Autoencoders.Scoring assembly, and ML.NET's
/// <c>MapValueToKey</c>; after <c>Model.Load</c> the predicted label's key values are the label's as
/// text (ReadOnlyMemory&lt;char&gt;), and the score has no slot names.
/// </summary>
public sealed class SemiSupervisedPredictionTransformer : AutoencoderTransformerBase, IDisposable
{
    /// <summary>The column of class probabilities.</summary>
    public const string ScoreColumnName = "Score";

    /// <summary>The column of predicted classes.</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    private const string KeyValuesKind = "KeyValues";
    private const string SlotNamesKind = "SlotNames";

    private readonly KeyDataViewType _labelType;
    private readonly DataViewSchema.Annotations _labelAnnotations;
    private int _disposed;

    internal SemiSupervisedPredictionTransformer(SemiSupervisedModel model, string featureColumnName, KeyDataViewType labelType,
        DataViewSchema.Annotations labelAnnotations, IReadOnlyList<EpochProgress> history)
    {
        Model = model;
        FeatureColumnName = featureColumnName;
        _labelType = labelType;
        _labelAnnotations = labelAnnotations;
        History = history;
    }

    /// <summary>The trained autoencoder and classifier.</summary>
    public SemiSupervisedModel Model { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Each training epoch's loss.</summary>
    public IReadOnlyList<EpochProgress> History { get; }

    /// <inheritdoc />
    private protected override BatchMapping Mapping(DataViewSchema inputSchema)
    {
        FeatureColumn.RequireWidth(inputSchema, FeatureColumnName, Model.Autoencoder.InputWidth);
        return new BatchMapping(FeatureColumnName, Model.Autoencoder.InputWidth,
        [
            MappedColumn.Vector(ScoreColumnName, Model.ClassCount, LabelNames()),
            MappedColumn.Key(PredictedLabelColumnName, _labelType, KeyValues()),
        ],
        Model.Map);
    }

    /// <summary>The label's key values, for the predicted label, or null when it has none.</summary>
    private DataViewSchema.Annotations? KeyValues()
    {
        if (_labelAnnotations.Schema.GetColumnOrNull(KeyValuesKind) is null)
        {
            return null;
        }

        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(_labelAnnotations, kind => kind == KeyValuesKind);
        return builder.ToAnnotations();
    }

    /// <summary>The label's key values as the score's slot names where they are text, else null.</summary>
    private DataViewSchema.Annotations? LabelNames()
    {
        if (_labelAnnotations.Schema.GetColumnOrNull(KeyValuesKind) is not { Type: VectorDataViewType { ItemType: TextDataViewType } type })
        {
            return null;
        }

        var names = default(VBuffer<ReadOnlyMemory<char>>);
        _labelAnnotations.GetValue(KeyValuesKind, ref names);
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(SlotNamesKind, type, (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        return builder.ToAnnotations();
    }

    /// <inheritdoc />
    private protected override OnnxHandOff.SavedForm SavedForm() =>
        OnnxHandOff.Classifier(Model, FeatureColumnName, ScoreColumnName, PredictedLabelColumnName, ClassNames());

    /// <summary>The label's key values as text, in key order (for a label without them, the keys' numbers from 1).</summary>
    private IReadOnlyList<string> ClassNames()
    {
        var itemType = (_labelAnnotations.Schema.GetColumnOrNull(KeyValuesKind)?.Type as VectorDataViewType)?.ItemType;
        return itemType switch
        {
            TextDataViewType => Texts<ReadOnlyMemory<char>>(),
            _ when itemType == NumberDataViewType.Single => Texts<float>(),
            _ when itemType == NumberDataViewType.Double => Texts<double>(),
            _ when itemType == NumberDataViewType.UInt32 => Texts<uint>(),
            _ when itemType == NumberDataViewType.Int32 => Texts<int>(),
            _ when itemType == NumberDataViewType.Int64 => Texts<long>(),
            BooleanDataViewType => Texts<bool>(),
            _ => Enumerable.Range(1, Model.ClassCount).Select(key => key.ToString(CultureInfo.InvariantCulture)).ToArray(),
        };

        string[] Texts<T>()
        {
            var values = default(VBuffer<T>);
            _labelAnnotations.GetValue(KeyValuesKind, ref values);
            return values.DenseValues().Select(value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").ToArray();
        }
    }

    /// <summary>Frees the network's native memory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Model.Dispose();
        }
    }
}
