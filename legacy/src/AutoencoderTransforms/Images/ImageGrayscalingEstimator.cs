namespace Autoencoders.Transforms.Image;

/// <summary>What <c>ml.Transforms.ConvertToGrayscale</c> returns: fitting gives its <see cref="ImageGrayscalingTransformer"/>.</summary>
public sealed class ImageGrayscalingEstimator : TrivialEstimator<ImageGrayscalingTransformer>
{
    internal ImageGrayscalingEstimator(ImageGrayscalingTransformer transformer) : base(transformer)
    {
    }
}
