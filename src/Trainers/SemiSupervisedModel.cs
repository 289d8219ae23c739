using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Trainers;

/// <summary>
/// What <see cref="SemiSupervisedTrainer"/> trains: an autoencoder and a softmax classifier on its
/// code (one linear layer from the code to the classes). Inference runs as the autoencoder's does: in
/// batches, in evaluation mode, without gradients. Disposing it frees both.
/// </summary>
public sealed class SemiSupervisedModel : IDisposable
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;

    internal SemiSupervisedModel(AutoencoderModel autoencoder, int classCount)
    {
        Autoencoder = autoencoder;
        ClassCount = classCount;
        (_weight, _bias) = AutoencoderNetwork.NewWeights([classCount, autoencoder.LatentWidth], classCount, autoencoder.Generator);
        autoencoder.FreeWith(_weight);
        autoencoder.FreeWith(_bias);
    }

    /// <summary>The autoencoder, whose code the classifier reads.</summary>
    public AutoencoderModel Autoencoder { get; }

    /// <summary>The classes, numbered from 0.</summary>
    public int ClassCount { get; }

    /// <summary>The classifier's weights (classes x code values) and biases, for training and export.</summary>
    internal (Parameter Weight, Parameter Bias) Classifier
    {
        get
        {
            _ = Autoencoder.Network;
            return (_weight, _bias);
        }
    }

    /// <summary>The class scores (logits) of each row in <paramref name="rows"/>, a batch tensor, through <paramref name="network"/>.</summary>
    internal Tensor Logits(AutoencoderNetwork network, Tensor rows) => TorchSharp.torch.nn.functional.linear(network.Encode(rows), _weight, _bias);

    /// <summary>Each row's probability of each class, <see cref="ClassCount"/> values per row.</summary>
    public FeatureMatrix PredictProbabilities(FeatureMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var probabilities = new float[checked(rows.Rows * ClassCount)];
        Map(rows.Values, [probabilities, null]);
        return new FeatureMatrix(probabilities, ClassCount);
    }

    /// <summary>
    /// Writes, for the whole rows in <paramref name="rows"/>, each one's class probabilities to
    /// <paramref name="outputs"/>[0] (<see cref="ClassCount"/> values per row) and its most probable
    /// class plus one (ML.NET's key of the class) to <paramref name="outputs"/>[1]; either may be null.
    /// </summary>
    internal void Map(ReadOnlySpan<float> rows, float[]?[] outputs) =>
        Autoencoder.Map(rows, outputs, [ClassCount, 1], (network, input) =>
        {
            var probabilities = Logits(network, input).softmax(1);
            return [probabilities, outputs[1] is null ? null : probabilities.argmax(1).to(ScalarType.Float32).Plus(1.0)];
        });

    /// <inheritdoc />
    public void Dispose() => Autoencoder.Dispose();
}
