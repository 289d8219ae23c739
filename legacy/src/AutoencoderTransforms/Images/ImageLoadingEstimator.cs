namespace Autoencoders.Transforms.Image;

/// <summary>What <c>ml.Transforms.LoadImages</c> returns: fitting gives its <see cref="ImageLoadingTransformer"/>.</summary>
public sealed class ImageLoadingEstimator : TrivialEstimator<ImageLoadingTransformer>
{
    internal ImageLoadingEstimator(ImageLoadingTransformer transformer) : base(transformer)
    {
    }
}
