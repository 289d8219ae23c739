using Autoencoders.Data;

namespace Autoencoders.Trainers;

/// <summary>
/// A multiclass softmax regression model (ML.NET's <c>MaximumEntropyModelParameters</c>): one weight
/// vector and bias per class; a row's class probabilities are the softmax of its margins.
/// </summary>
public sealed class MaximumEntropyModelParameters : ILinearModelParameters
{
    internal MaximumEntropyModelParameters(LinearClassifier classifier) => Classifier = classifier;

    internal LinearClassifier Classifier { get; }

    LinearClassifier ILinearModelParameters.Classifier => Classifier;

    /// <summary>The number of classes.</summary>
    public int NumberOfClasses => Classifier.MarginCount;

    /// <summary>The number of features each weight vector has.</summary>
    public int InputWidth => Classifier.InputWidth;

    /// <summary>One weight vector per class, as ML.NET's; <paramref name="numClasses"/> receives their count.</summary>
    public void GetWeights(ref VBuffer<float>[] weights, out int numClasses)
    {
        numClasses = NumberOfClasses;
        weights = new VBuffer<float>[numClasses];
        for (var k = 0; k < numClasses; k++)
        {
            weights[k] = new VBuffer<float>(InputWidth, Classifier.Weights.Skip(k * InputWidth).Take(InputWidth).ToArray());
        }
    }

    /// <summary>One bias per class.</summary>
    public IReadOnlyList<float> GetBiases() => Classifier.Biases;
}
