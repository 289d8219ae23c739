using Autoencoders.Data;

namespace Autoencoders.Trainers;

/// <summary>A linear binary model (ML.NET's <c>LinearBinaryModelParameters</c>): a row's score is its weights' dot product plus the bias.</summary>
public sealed class LinearBinaryModelParameters : ILinearModelParameters
{
    internal LinearBinaryModelParameters(LinearClassifier classifier) => Classifier = classifier;

    internal LinearClassifier Classifier { get; }

    LinearClassifier ILinearModelParameters.Classifier => Classifier;

    /// <summary>One weight per feature.</summary>
    public IReadOnlyList<float> Weights => Classifier.Weights;

    /// <summary>The bias added to every score.</summary>
    public float Bias => Classifier.Biases[0];
}
