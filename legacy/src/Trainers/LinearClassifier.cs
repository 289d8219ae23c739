using Autoencoders.Trainers.Native;

namespace Autoencoders.Trainers;

/// <summary>
/// A linear classifier fitted by the native engine with L-BFGS (OWL-QN for the L1 term): logistic
/// regression (one margin per row) or softmax regression (one margin per class).
/// </summary>
public sealed class LinearClassifier
{
    private readonly float[] _weights;
    private readonly float[] _biases;

    /// <summary>A classifier from known parameters (e.g. read from a model file).</summary>
    /// <param name="weights">Margins x input-width values, row-major: one row per margin.</param>
    /// <param name="biases">One bias per margin: 1 for logistic regression, one per class for softmax regression.</param>
    /// <exception cref="ArgumentException">The sizes do not fit together or a value is not finite.</exception>
    public LinearClassifier(float[] weights, float[] biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (biases.Length == 0 || weights.Length == 0 || weights.Length % biases.Length != 0)
        {
            throw new ArgumentException($"{weights.Length} weights do not make {biases.Length} rows of equal width.", nameof(weights));
        }

        if (!weights.Concat(biases).All(float.IsFinite))
        {
            throw new ArgumentException("The weights and biases must be finite.", nameof(weights));
        }

        _weights = weights;
        _biases = biases;
        InputWidth = weights.Length / biases.Length;
    }

    /// <summary>Values per input row.</summary>
    public int InputWidth { get; }

    /// <summary>Margins per row: 1 for logistic regression, the class count for softmax regression.</summary>
    public int MarginCount => _biases.Length;

    /// <summary>The weights, row-major: <see cref="MarginCount"/> rows of <see cref="InputWidth"/>.</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <summary>One bias per margin.</summary>
    public IReadOnlyList<float> Biases => _biases;

    /// <summary>The iterations the fit made (0 for a classifier built from known parameters).</summary>
    public int Iterations { get; private init; }

    /// <summary>The objective the fit reached (NaN for a classifier built from known parameters).</summary>
    public double Objective { get; private init; } = double.NaN;

    /// <summary>
    /// Fits logistic regression (<paramref name="classes"/> = 1, labels 0 or 1) or softmax regression
    /// (<paramref name="classes"/> of 2 or more, labels 0..classes-1) to <paramref name="features"/>, from zero weights.
    /// </summary>
    /// <param name="features">The rows, finite.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="rowWeights">One non-negative weight per row, or null for all 1.</param>
    /// <param name="classes">1 for logistic regression, else the class count.</param>
    /// <param name="settings">The objective's regularization and the optimizer's settings.</param>
    /// <exception cref="ArgumentException">A size does not fit, a value is not finite, or a label is not a class.</exception>
    public static unsafe LinearClassifier Fit(FeatureMatrix features, float[] labels, float[]? rowWeights, int classes, LbfgsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (labels.Length != features.Rows || rowWeights is not null && rowWeights.Length != features.Rows)
        {
            throw new ArgumentException($"{features.Rows} rows need as many labels (there are {labels.Length}) and row weights (there are {rowWeights?.Length}).", nameof(labels));
        }

        features.EnsureFinite("features", allowMissing: false);
        TorchRuntime.EnsureInitialized();
        var parameters = new float[classes * (features.Columns + 1)];
        int iterations;
        double objective;
        fixed (float* x = features.Values)
        fixed (float* y = labels)
        fixed (float* w = rowWeights)
        fixed (float* p = parameters)
        {
            NativeStatus.Check(LinearNativeMethods.Fit(x, y, w, features.Rows, features.Columns, classes, settings.L1, settings.L2, settings.Tolerance,
                settings.HistorySize, settings.MaximumIterations, settings.NonNegative ? 1 : 0, p, &iterations, &objective));
        }

        return new LinearClassifier(parameters[classes..], parameters[..classes]) { Iterations = iterations, Objective = objective };
    }

    /// <summary>Each row's margins (rows x <see cref="MarginCount"/>, row-major): the weights' dot products with the row plus the biases.</summary>
    /// <exception cref="ArgumentException">The rows' width is not <see cref="InputWidth"/>.</exception>
    public float[] Margins(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Columns != InputWidth)
        {
            throw new ArgumentException($"Rows of {features.Columns} values given to a classifier of {InputWidth}.", nameof(features));
        }

        var margins = new float[features.Rows * MarginCount];
        for (var row = 0; row < features.Rows; row++)
        {
            var values = features.Row(row);
            for (var k = 0; k < MarginCount; k++)
            {
                margins[row * MarginCount + k] = _biases[k] + Dot(values, _weights.AsSpan(k * InputWidth, InputWidth));
            }
        }

        return margins;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return (float)sum;
    }
}
