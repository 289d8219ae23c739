namespace Autoencoders.Trainers;

/// <summary>A description of an autoencoder that builds its exact layers: <see cref="DenseAutoencoderSpec"/> or <see cref="ConvolutionalAutoencoderSpec"/>.</summary>
public interface IAutoencoderSpec
{
    /// <summary>Values per input row.</summary>
    int InputWidth { get; }

    /// <summary>Values in the code.</summary>
    int LatentWidth { get; }

    /// <summary>The exact layers, with <paramref name="outputActivation"/> when the spec leaves the output activation open.</summary>
    AutoencoderArchitecture ToArchitecture(Activation outputActivation = Activation.Identity);
}
