using System.Globalization;
using Autoencoders.Trainers.XGBoost;

namespace Autoencoders.Trainers;

/// <summary>
/// A gradient-boosted tree model trained by XGBoost. Prediction is safe from several threads.
/// Dispose it to free the native booster at once.
/// </summary>
public sealed class XGBoostModel : IDisposable
{
    private const float Missing = float.NaN;
    private readonly BoosterHandle _booster;

    private XGBoostModel(BoosterHandle booster, XGBoostObjective objective, int featureCount, int classCount)
    {
        _booster = booster;
        Objective = objective;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>What the model predicts.</summary>
    public XGBoostObjective Objective { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Classes of a multiclass model (2 for binary, 1 for regression).</summary>
    public int ClassCount { get; }

    /// <summary>Values <see cref="Predict"/> returns per row: <see cref="ClassCount"/> for multiclass, else 1.</summary>
    public int OutputsPerRow => Objective == XGBoostObjective.MulticlassProbabilities ? ClassCount : 1;

    /// <summary>Trains a model on <paramref name="features"/> and <paramref name="labels"/> (one per row).</summary>
    /// <param name="features">Training rows; NaN is a missing value (XGBoost's own), infinities are refused.</param>
    /// <param name="labels">0/1 for binary, 0..K-1 for multiclass, any finite value for regression.</param>
    /// <param name="objective">What to learn.</param>
    /// <param name="parameters">Boosting settings; null uses the defaults.</param>
    /// <param name="cancellationToken">Checked between boosting rounds.</param>
    /// <param name="classCount">For multiclass, the number of classes when more exist than the largest label shows (classes no training row has).</param>
    /// <exception cref="ArgumentException">The data, labels or parameters are invalid; the message names them.</exception>
    public static unsafe XGBoostModel Train(FeatureMatrix features, float[] labels, XGBoostObjective objective,
        XGBoostParameters? parameters = null, CancellationToken cancellationToken = default, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        parameters ??= new XGBoostParameters();
        parameters.Validate();
        if (features.Rows == 0)
        {
            throw new ArgumentException("There are no training rows.", nameof(features));
        }

        if (labels.Length != features.Rows)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {features.Rows} rows.", nameof(labels));
        }

        features.EnsureFinite(allowMissing: true);
        var classes = CheckLabels(labels, objective);
        if (classCount is { } declared && objective == XGBoostObjective.MulticlassProbabilities)
        {
            classes = declared >= classes ? declared : throw new ArgumentException($"A label is {classes - 1}, beyond the {declared} classes declared.", nameof(classCount));
        }


        using var matrix = CreateMatrix(features.Values, features.Rows, features.Columns);
        fixed (float* label = labels)
        {
            XGBoostException.Check(XGBoostNativeMethods.DMatrixSetFloatInfo(matrix, "label", label, (ulong)labels.Length));
        }

        BoosterHandle booster;
        var matrixPointer = matrix.DangerousGetHandle();
        XGBoostException.Check(XGBoostNativeMethods.BoosterCreate(&matrixPointer, 1, out booster));
        try
        {
            foreach (var (name, value) in NativeParameters(objective, classes, parameters))
            {
                XGBoostException.Check(XGBoostNativeMethods.BoosterSetParam(booster, name, value));
            }

            for (var round = 0; round < parameters.NumberOfTrees; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                XGBoostException.Check(XGBoostNativeMethods.BoosterUpdateOneIter(booster, round, matrix));
            }

            return new XGBoostModel(booster, objective, features.Columns, classes);
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Per row: the probability of class 1 (binary), the K class probabilities (multiclass), or the
    /// predicted value (regression); <see cref="OutputsPerRow"/> values each.
    /// </summary>
    public float[] Predict(FeatureMatrix features) => PredictAs(features, PredictionType.Value);

    /// <summary>
    /// Per row: the raw margin before the objective's link function, <see cref="OutputsPerRow"/>
    /// values each (for binary logistic, the log-odds of class 1, finite even where the probability
    /// rounds to 0 or 1).
    /// </summary>
    public float[] PredictMargins(FeatureMatrix features) => PredictAs(features, PredictionType.Margin);

    /// <summary>XGBoost's prediction types (the "type" of <c>XGBoosterPredictFromDMatrix</c>'s configuration).</summary>
    private enum PredictionType { Value = 0, Margin = 1 }

    private unsafe float[] PredictAs(FeatureMatrix features, PredictionType type)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Columns != FeatureCount)
        {
            throw new ArgumentException($"Rows have {features.Columns} features but the model takes {FeatureCount}.", nameof(features));
        }

        features.EnsureFinite(allowMissing: true);
        var output = new float[checked(features.Rows * OutputsPerRow)];
        if (features.Rows == 0)
        {
            return output;
        }

        using var matrix = CreateMatrix(features.Values, features.Rows, features.Columns);
        XGBoostException.Check(XGBoostNativeMethods.BoosterPredictFromDMatrix(Booster, matrix,
            $"{{\"type\": {(int)type}, \"training\": false, \"iteration_begin\": 0, \"iteration_end\": 0, \"strict_shape\": false}}",
            out _, out _, out var result));
        new ReadOnlySpan<float>(result, output.Length).CopyTo(output);
        return output;
    }

    /// <summary>The model as bytes (XGBoost's UBJSON format), with what <see cref="Load"/> needs.</summary>
    public unsafe byte[] Save()
    {
        XGBoostException.Check(XGBoostNativeMethods.BoosterSaveModelToBuffer(Booster, "{\"format\": \"ubj\"}", out var length, out var buffer));
        return new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray();
    }

    /// <summary>The model in XGBoost's JSON format (trees, base score, objective): what an exporter to another format reads.</summary>
    internal unsafe string SaveJson()
    {
        XGBoostException.Check(XGBoostNativeMethods.BoosterSaveModelToBuffer(Booster, "{\"format\": \"json\"}", out var length, out var buffer));
        return System.Text.Encoding.UTF8.GetString(buffer, checked((int)length));
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="XGBoostException">The bytes are not an XGBoost model.</exception>
    public static unsafe XGBoostModel Load(byte[] model, XGBoostObjective objective, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        XGBoostException.Check(XGBoostNativeMethods.BoosterCreate(null, 0, out var booster));
        try
        {
            fixed (byte* bytes = model)
            {
                XGBoostException.Check(XGBoostNativeMethods.BoosterLoadModelFromBuffer(booster, bytes, (ulong)model.Length));
            }

            return new XGBoostModel(booster, objective, featureCount, classCount);
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _booster.Dispose();

    private BoosterHandle Booster => _booster.IsClosed ? throw new ObjectDisposedException(nameof(XGBoostModel)) : _booster;

    private static unsafe DMatrixHandle CreateMatrix(ReadOnlySpan<float> values, int rows, int columns)
    {
        fixed (float* data = values)
        {
            XGBoostException.Check(XGBoostNativeMethods.DMatrixCreateFromMat(data, (ulong)rows, (ulong)columns, Missing, out var matrix));
            return matrix;
        }
    }

    private static int CheckLabels(float[] labels, XGBoostObjective objective)
    {
        for (var row = 0; row < labels.Length; row++)
        {
            var label = labels[row];
            var valid = objective switch
            {
                XGBoostObjective.BinaryLogistic => label is 0f or 1f,
                XGBoostObjective.MulticlassProbabilities => label >= 0 && label == MathF.Floor(label),
                _ => float.IsFinite(label),
            };
            if (!valid)
            {
                throw new ArgumentException($"Label {label} of row {row} is not valid for {objective}.", nameof(labels));
            }
        }

        return objective switch
        {
            XGBoostObjective.BinaryLogistic => 2,
            XGBoostObjective.MulticlassProbabilities => checked((int)labels.Max() + 1),
            _ => 1,
        };
    }

    private static IEnumerable<(string, string)> NativeParameters(XGBoostObjective objective, int classCount, XGBoostParameters parameters)
    {
        string Text(float value) => value.ToString(CultureInfo.InvariantCulture);
        yield return ("objective", objective switch
        {
            XGBoostObjective.BinaryLogistic => "binary:logistic",
            XGBoostObjective.MulticlassProbabilities => "multi:softprob",
            _ => "reg:squarederror",
        });
        if (objective == XGBoostObjective.MulticlassProbabilities)
        {
            yield return ("num_class", classCount.ToString(CultureInfo.InvariantCulture));
        }

        yield return ("eta", Text(parameters.LearningRate));
        yield return ("max_depth", parameters.MaximumDepth.ToString(CultureInfo.InvariantCulture));
        yield return ("min_child_weight", Text(parameters.MinimumChildWeight));
        yield return ("lambda", Text(parameters.L2Regularization));
        yield return ("colsample_bytree", Text(parameters.FeatureFraction));
        yield return ("nthread", (parameters.NumberOfThreads ?? Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture));
        yield return ("seed", (parameters.Seed ?? 0).ToString(CultureInfo.InvariantCulture));
        yield return ("tree_method", "hist");
        yield return ("verbosity", "0");
    }
}
