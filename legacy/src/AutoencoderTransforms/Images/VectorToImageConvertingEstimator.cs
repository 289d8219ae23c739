namespace Autoencoders.Transforms.Image;

/// <summary>What <c>ml.Transforms.ConvertToImage</c> returns: fitting gives its <see cref="VectorToImageConvertingTransformer"/>.</summary>
public sealed class VectorToImageConvertingEstimator : TrivialEstimator<VectorToImageConvertingTransformer>
{
    internal VectorToImageConvertingEstimator(VectorToImageConvertingTransformer transformer) : base(transformer)
    {
    }
}
